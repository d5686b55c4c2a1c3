"""Requests whose head (request line and headers) exceeds a limit get 431 before anything reads
them: nothing a client sends in headers is kept beyond its request, whatever its size."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.middleware._asgi import send_error

MAX_HEADER_BYTES = 16 * 1024  # as Node's HTTP server; an access token is about 1 KiB


class HeaderLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
            size += sum(len(name) + len(value) + 4 for name, value in scope.get("headers", []))
            if size > self.max_bytes:
                await send_error(send, 431, f"Request headers exceed {self.max_bytes} bytes in all")
                return
        await self.app(scope, receive, send)
