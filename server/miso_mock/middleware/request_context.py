"""Gives every request its id (the client's `X-Request-ID` or a new one), the instance's base
URL and the running mock, and echoes the id on the response.

The base URL (what links in answers start with) is `--public-url` when one is set. Otherwise
it is the address the client used, from `Host`, but only a well-formed host and port: anything
else in that header is the client's to make up and is not echoed back in bodies.
"""

from __future__ import annotations

import os
import re

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import context
from miso_mock.middleware._asgi import header, with_headers
from miso_mock.options import base_url
from miso_mock.runtime import Runtime

_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_HOST_AND_PORT = re.compile(r"^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            context.runtime.set(self.runtime)
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = header(scope, b"x-request-id")
        request_id = given if given and _VALID_ID.match(given) else f"req-{os.urandom(8).hex()}"
        context.request_id.set(request_id)
        context.base_url.set(self._base_url(scope))
        context.runtime.set(self.runtime)
        headers = {"X-Request-ID": request_id}
        context.response_headers.set(headers)
        await self.app(scope, receive, with_headers(send, lambda _: headers))

    def _base_url(self, scope: Scope) -> str:
        if self.runtime.options.public_url:
            return base_url(self.runtime.options)
        host = header(scope, b"host")
        if not host or not _HOST_AND_PORT.match(host):
            return base_url(self.runtime.options)
        return f"{scope.get('scheme', 'http')}://{host}"


class StandardHeadersMiddleware:
    """Inside Connexion: adds the request's standard headers before response validation sees
    the response, so the headers the spec requires are there when it checks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = context.response_headers.get({})
        await self.app(scope, receive, with_headers(send, lambda _: headers))
