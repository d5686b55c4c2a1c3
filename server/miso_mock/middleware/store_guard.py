"""A shared store that does not answer gives a 503 with `Retry-After`, wherever it is called.

Inside Connexion the error handlers turn `StoreUnavailable` into the envelope; this catches it
in the middlewares around Connexion (rate limiting, administration), which have no handler.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from miso_mock.middleware._asgi import send_error
from miso_mock.store import StoreUnavailable


class StoreGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except StoreUnavailable as exc:
            if started:
                raise
            await send_error(send, exc.status, exc.message, exc.details, exc.headers)
