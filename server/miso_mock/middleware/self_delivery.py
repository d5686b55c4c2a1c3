"""Refuses requests that are this mock's own webhook deliveries.

The dispatcher does not send to the mock's own address, but a name can resolve elsewhere when it
is checked than when it is used; each delivery carries the instance's marker, and a request with
it is turned away before it can reset the state or open a log stream.
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.middleware._asgi import header, send_error
from miso_mock.webhooks import ORIGIN_HEADER


class SelfDeliveryGuardMiddleware:
    def __init__(self, app: ASGIApp, marker: str) -> None:
        self.app = app
        self.marker = marker.encode()
        self.header = ORIGIN_HEADER.lower().encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = header(scope, self.header)
            if given is not None and secrets.compare_digest(given.encode("latin-1"), self.marker):
                await send_error(send, 403, "This mock does not accept its own webhook deliveries")
                return
        await self.app(scope, receive, send)
