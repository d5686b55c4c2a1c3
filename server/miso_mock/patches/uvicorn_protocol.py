"""uvicorn's httptools protocol, sending a response's head and body in one write.

uvicorn writes the head of a response when the app sends `http.response.start` and the body when
it sends `http.response.body`: two `write` calls, two system calls, and two wake-ups of the
client for what is one small JSON answer. Under load py-spy put a third of the mock's wall time
inside those writes. Here the bytes written during one turn of the event loop are joined and go
out together at the end of it; nothing else about the connection changes.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# The upstream code this patch replaces or leans on, with a fingerprint of its source:
# `tests/mock/test_patches.py` fails when an upgrade changes any of it.
RELIES_ON = {
    "uvicorn.protocols.http.httptools_impl:HttpToolsProtocol.connection_made": "6efb565ff3d36b91",
    "uvicorn.protocols.http.httptools_impl:RequestResponseCycle.send": "abdd8601b326a8da",
}


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
    """Pass as `uvicorn.run(..., http=CoalescingHttpToolsProtocol)`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]
