"""Added latency and random 503s, so frontends can be built to cope with a slow, flaky API."""

from __future__ import annotations

import asyncio
import random

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.middleware._asgi import is_tooling_path, send_error


class ChaosMiddleware:
    def __init__(
        self, app: ASGIApp, latency_ms: tuple[int, int], error_rate: float, rng: random.Random
    ) -> None:
        self.app = app
        self.latency_ms = latency_ms
        self.error_rate = error_rate
        self.rng = rng

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_tooling_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        low, high = self.latency_ms
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high) / 1000)
        if self.error_rate > 0 and self.rng.random() < self.error_rate:
            await send_error(
                send,
                503,
                "Service temporarily unavailable (injected by miso mock --error-rate)",
                headers={"Retry-After": "1"},
            )
            return
        await self.app(scope, receive, send)
