"""Followed deployment logs: a server-sent-event stream read as `LogEntry` models.

The stream is `log` events (`data` is a JSON `LogEntry`) and then one `end` event whose `data`
holds the deployment's final status, kept on the stream as `status` once iteration stops.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx
from miso_api_client.models.log_entry import LogEntry


@dataclass(frozen=True)
class ServerSentEvent:
    """One dispatched event: its type and its (joined) data lines."""

    event: str
    data: str


class SSEDecoder:
    """Turns lines of a `text/event-stream` into events, per the HTML living standard."""

    def __init__(self) -> None:
        self._event = ""
        self._data: list[str] = []

    def feed(self, line: str) -> ServerSentEvent | None:
        """Take one line (without its newline); return an event when a blank line ends one."""
        if not line:
            if not self._data:
                self._event = ""
                return None
            event = ServerSentEvent(self._event or "message", "\n".join(self._data))
            self._event, self._data = "", []
            return event
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        return None


class _LogEvents:
    """What the sync and async streams share: decoding, and the final status."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status: str | None = None
        self._decoder = SSEDecoder()

    def _entry(self, line: str) -> LogEntry | None:
        event = self._decoder.feed(line)
        if event is None:
            return None
        if event.event == "end":
            self.status = str(json.loads(event.data).get("status"))
            return None
        if event.event == "log":
            return LogEntry.from_dict(json.loads(event.data))
        return None


class LogStream(_LogEvents):
    """Iterate for log entries as they are written; `status` is set when the deployment ends.

    Use it as a context manager (or call `close`) when stopping before the end.
    """

    def __iter__(self) -> Iterator[LogEntry]:
        try:
            for line in self.response.iter_lines():
                entry = self._entry(line)
                if entry is not None:
                    yield entry
                if self.status is not None:
                    return
        finally:
            self.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncLogStream(_LogEvents):
    """The async twin of `LogStream`: `async for entry in stream`."""

    async def __aiter__(self) -> AsyncIterator[LogEntry]:
        try:
            async for line in self.response.aiter_lines():
                entry = self._entry(line)
                if entry is not None:
                    yield entry
                if self.status is not None:
                    return
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
