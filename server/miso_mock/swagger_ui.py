"""Connexion's Swagger UI middleware, consulting its router only for the paths it serves.

Connexion puts the Swagger UI (and the served spec) in front of the API as a Starlette router
that every request walks, route by route, before it falls through to the API: a few per cent of
each API request. Here a request whose path starts with none of the router's paths goes straight
on; the others take Connexion's own path through the router.
"""

from __future__ import annotations

from typing import Any

from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from starlette.routing import Mount, Route, Router
from starlette.types import Receive, Scope, Send


def _passes_on(app: Any) -> bool:
    """A router that hands what none of its routes match to a default of its own (rather than
    answering 404): under its mount only its routes' paths are served."""
    return isinstance(app, Router) and app.default != app.not_found


def _served_prefixes(routes: list[Any], prefix: str = "") -> tuple[str, ...] | None:
    """The path prefixes under which `routes` can match, or None when it cannot be told."""
    found: list[str] = []
    for route in routes:
        path = prefix + str(getattr(route, "path", ""))
        if "{" in path:
            path = path[: path.index("{")]
        if isinstance(route, Mount) and _passes_on(route.app):
            inner = _served_prefixes(route.app.routes, path)
            if inner is None:
                return None
            found += inner
        elif isinstance(route, Route | Mount):
            found.append(path)
        else:
            return None
    return tuple(found)


class SwaggerUIFrontMiddleware(SwaggerUIMiddleware):
    """Takes the place of `SwaggerUIMiddleware` in Connexion's middleware list."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._prefixes: tuple[str, ...] | None = ()

    def add_api(self, *args: Any, **kwargs: Any) -> None:
        super().add_api(*args, **kwargs)
        self._prefixes = _served_prefixes(self.router.routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and self._prefixes is not None
            and not scope.get("root_path")
            and not scope["path"].startswith(self._prefixes)
        ):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
