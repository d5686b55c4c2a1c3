"""404 for paths the spec does not have, 405 with a correct `Allow` for undeclared methods.

Connexion's own 405 lists the wrong methods in `Allow`, so this answers before it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.middleware._asgi import is_tooling_path, send_error
from miso_mock.routes import Routes


class MethodGuardMiddleware:
    def __init__(self, app: ASGIApp, routes: Routes) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_tooling_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        matched = self.routes.match(scope["path"])
        if matched is None:
            await send_error(send, 404, f"No resource at {scope['path']}")
            return
        if scope["method"] not in matched.methods:
            allow = ", ".join(sorted(matched.methods))
            await send_error(
                send,
                405,
                f"Method {scope['method']} not allowed on {matched.template}; allowed: {allow}",
                headers={"Allow": allow},
            )
            return
        await self.app(scope, receive, send)
