"""Records every request (method, spec endpoint, status, duration) for `/api/v1/metrics`."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from miso_mock.runtime import Runtime


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            matched = self.runtime.routes.match(scope["path"])
            # Unknown paths share one label, so fuzzing cannot blow up the label space.
            endpoint = matched.template if matched else "unmatched"
            self.runtime.metrics.record_request(
                scope["method"], endpoint, status, time.perf_counter() - started
            )
