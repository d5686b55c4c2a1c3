"""Fixed-window rate limiting per client, with the reference's headers on every response."""

from __future__ import annotations

import math

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import clock, context
from miso_mock.middleware._asgi import header, is_tooling_path, send_error


class RateLimitMiddleware:
    """`limit` requests per `window` seconds per client (its Authorization, else its address)."""

    def __init__(self, app: ASGIApp, limit: int, window: int) -> None:
        self.app = app
        self.limit = limit
        self.window = window
        self._windows: dict[str, tuple[int, int]] = {}

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
        window_start, count = self._windows.get(key, (start, 0))
        if window_start != start:
            window_start, count = start, 0
            if len(self._windows) > 10_000:  # forget clients of past windows
                self._windows = {k: v for k, v in self._windows.items() if v[0] == start}
        # The docs and the served spec show the client's standing but do not use it up.
        if not is_tooling_path(scope["path"]):
            count += 1
        self._windows[key] = (window_start, count)
        reset = window_start + self.window
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
