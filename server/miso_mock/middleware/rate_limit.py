"""Fixed-window rate limiting per client, with the reference's headers on every response."""

from __future__ import annotations

import math

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import clock, context
from miso_mock.middleware._asgi import header, is_tooling_path, send_error
from miso_mock.shared import MemoryRateWindows, RateWindows


class RateLimitMiddleware:
    """`limit` requests per `window` seconds per client (its Authorization, else its address)."""

    def __init__(
        self, app: ASGIApp, limit: int, window: int, windows: RateWindows | None = None
    ) -> None:
        self.app = app
        self.limit = limit
        self.window = window
        self.windows = windows or MemoryRateWindows()  # shared by replicas when in Redis

    def _client_key(self, scope: Scope) -> str:
        authorization = header(scope, b"authorization")
        if authorization:
            return authorization
        client = scope.get("client")
        return client[0] if client else "unknown"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        now = clock.epoch()
        start = int(now // self.window * self.window)
        key = self._client_key(scope)
        # The docs and the served spec show the client's standing but do not use it up.
        count = self.windows.count(key, start, self.window, not is_tooling_path(scope["path"]))
        reset = start + self.window
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - count)),
            "X-RateLimit-Reset": str(reset),
            "X-RateLimit-Window": str(self.window),
        }
        context.response_headers.get({}).update(headers)
        if count > self.limit and not is_tooling_path(scope["path"]):
            retry_after = str(max(1, math.ceil(reset - now)))
            details = {"limit": self.limit, "remaining": 0, "reset_time": clock.iso(reset)}
            await send_error(
                send, 429, "Rate limit exceeded", details, {**headers, "Retry-After": retry_after}
            )
            return
        await self.app(scope, receive, send)
