"""uvicorn's httptools protocol, sending a response's head and body in one write.

uvicorn writes the head of a response when the app sends `http.response.start` and the body when
it sends `http.response.body`: two `write` calls, two system calls, and two wake-ups of the
client for what is one small JSON answer. Under load py-spy put a third of the mock's wall time
inside those writes. Here the bytes written during one turn of the event loop are joined and go
out together at the end of it; nothing else about the connection changes.

A request the parser cannot read gets the mock's error envelope instead of uvicorn's plain text.

uvicorn closes a connection idle between requests, but one that opens and sends nothing, or
sends a request a byte at a time, is held forever: a handful of such clients would hold every
connection the mock can serve. Here a request (head and body) must arrive within
`read_timeout` seconds of its first byte, or of the connection opening; otherwise it is
answered 408 and the connection closed.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from miso_mock.errors import envelope_bytes

# The upstream code this patch replaces or leans on, with a fingerprint of its source:
# `tests/mock/test_patches.py` fails when an upgrade changes any of it.
_UPSTREAM = "uvicorn.protocols.http.httptools_impl"
RELIES_ON = {
    f"{_UPSTREAM}:HttpToolsProtocol.connection_made": "6efb565ff3d36b91",
    f"{_UPSTREAM}:RequestResponseCycle.send": "abdd8601b326a8da",
    f"{_UPSTREAM}:HttpToolsProtocol.send_400_response": "ae5a4a3782b646fd",
    f"{_UPSTREAM}:HttpToolsProtocol.on_message_begin": "96d377fdc7c2baef",
    f"{_UPSTREAM}:HttpToolsProtocol.on_message_complete": "1fbad42dc31fc01f",
    f"{_UPSTREAM}:HttpToolsProtocol.connection_lost": "c91a4c9bf2e29c55",
}
DEFAULT_READ_TIMEOUT_SECONDS = 30.0


class CoalescingTransport:
    """A transport whose writes within one event-loop turn leave as a single write.

    Everything but `write`, `writelines`, `write_eof` and `close` is the wrapped transport's
    own; closing sends what is pending first, as a plain transport would.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, lines: Any) -> None:
        for data in lines:
            self.write(data)

    def flush(self) -> None:
        """Send whatever this turn wrote (a no-op when nothing is pending)."""
        if not self._pending:
            return
        data = self._pending[0] if len(self._pending) == 1 else b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CoalescingHttpToolsProtocol(HttpToolsProtocol):
    """Pass as `uvicorn.run(..., http=functools.partial(CoalescingHttpToolsProtocol,
    read_timeout=...))`, or as it is for the default read timeout."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
        *,
        read_timeout: float = DEFAULT_READ_TIMEOUT_SECONDS,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.read_timeout = read_timeout
        self._read_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]
        self._arm_read_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_read_deadline()

    def on_message_complete(self) -> None:
        self._disarm_read_deadline()
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_read_deadline()
        super().connection_lost(exc)

    def _arm_read_deadline(self) -> None:
        self._disarm_read_deadline()
        self._read_deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm_read_deadline(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _read_timed_out(self) -> None:
        """408 when nothing has been answered on this request yet; otherwise just close."""
        self._read_deadline = None
        if self.transport.is_closing():
            return
        cycle = getattr(self, "cycle", None)
        if cycle is not None and cycle.response_started:
            self.transport.close()
            return
        message = f"The request did not arrive within {self.read_timeout:g} seconds"
        self._send_error(408, "Request Timeout", message)

    def send_400_response(self, msg: str) -> None:
        """A request the parser cannot read gets the error envelope too, not uvicorn's text."""
        self._send_error(400, "Bad Request", msg)

    def _send_error(self, status: int, reason: str, msg: str) -> None:
        """The error envelope, written straight to the connection, which then closes."""
        request_id = f"req-{os.urandom(8).hex()}"
        body = json.loads(envelope_bytes(status, msg))
        body["error"]["request_id"] = request_id
        data = json.dumps(body).encode()
        head = [
            f"HTTP/1.1 {status} {reason}".encode(),
            b"content-type: application/json",
            b"content-length: " + str(len(data)).encode(),
            b"x-request-id: " + request_id.encode(),
            b"connection: close",
        ]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + data)
        self.transport.close()
