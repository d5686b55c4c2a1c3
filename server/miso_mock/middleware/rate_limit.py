"""Fixed-window rate limiting per client, with the reference's headers on every response.

A client is the `client_id` of a token this mock issued (expired or not), so every token a client
mints shares one allowance; any other request (no token, a token the mock did not issue) counts
for its address.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from miso_contract import (
    RATE_LIMIT_LIMIT,
    RATE_LIMIT_REMAINING,
    RATE_LIMIT_RESET,
    RATE_LIMIT_WINDOW,
)
from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import clock, context
from miso_mock.errors import MisoError
from miso_mock.middleware._asgi import header, is_tooling_path, send_error
from miso_mock.rate_windows import Standing

if TYPE_CHECKING:
    from miso_mock.runtime import Runtime


def headers_for(standing: Standing) -> dict[str, str]:
    return {
        RATE_LIMIT_LIMIT: str(standing.limit),
        RATE_LIMIT_REMAINING: str(standing.remaining),
        RATE_LIMIT_RESET: str(standing.reset),
        RATE_LIMIT_WINDOW: str(standing.window),
    }


def limit_exceeded(standing: Standing, now: float) -> MisoError:
    """The 429 answer for a client past its limit."""
    retry_after = str(max(1, math.ceil(standing.reset - now)))
    details = {"limit": standing.limit, "remaining": 0, "reset_time": clock.iso(standing.reset)}
    headers = {**headers_for(standing), "Retry-After": retry_after}
    return MisoError(429, "Rate limit exceeded", details, headers)


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    def _client_key(self, scope: Scope) -> str:
        scheme, _, token = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and token:
            client_id = self.runtime.authority.client_of(token.strip())
            if client_id:
                return f"client:{client_id}"
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        now = clock.epoch()
        # The docs and the served spec show the client's standing but do not use it up.
        tooling = is_tooling_path(scope["path"])
        standing = self.runtime.rate_windows.hit(self._client_key(scope), now, 0 if tooling else 1)
        context.response_headers.get({}).update(headers_for(standing))
        if standing.exceeded and not tooling:
            error = limit_exceeded(standing, now)
            await send_error(send, error.status, error.message, error.details, error.headers)
            return
        await self.app(scope, receive, send)
