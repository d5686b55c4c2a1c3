"""Connexion's Swagger UI middleware, consulting its router only for the paths it serves, and
serving the docs page and the spec the mock's own way.

Connexion puts the Swagger UI (and the served spec) in front of the API as a Starlette router
that every request walks, route by route, before it falls through to the API: a few per cent of
each API request. Here a request whose path starts with none of the router's paths goes straight
on; the docs page (`docs_page`) and the spec (`served_spec`) are answered here; the rest (Swagger
UI's static files, the redirect to the page) take Connexion's own path through the router.
"""

from __future__ import annotations

from typing import Any

import miso_contract
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from starlette.routing import Mount, Route, Router
from starlette.types import Receive, Scope, Send

from miso_mock import docs_page
from miso_mock.sdk_downloads import PREFIX as SDK_PREFIX
from miso_mock.served_spec import ServedSpec, accepts_gzip, request_origin


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
        self._spec = ServedSpec(miso_contract.bundle().document)
        self._pages: dict[str, bytes] = {}
        self._specs: dict[str, str] = {}

    def add_api(self, *args: Any, **kwargs: Any) -> None:
        super().add_api(*args, **kwargs)
        self._prefixes = _served_prefixes(self.router.routes)
        options: SwaggerUIOptions = kwargs.get("swagger_ui_options") or SwaggerUIOptions()
        if options.spec_path and options.spec_path.endswith(".json"):
            yaml_path = options.spec_path[: -len("json")] + "yaml"
            self._specs = {options.spec_path: "json", yaml_path: "yaml"}
            if options.swagger_ui and options.swagger_ui_path:
                ui = options.swagger_ui_path.rstrip("/")
                page = docs_page.render(options.spec_path, SDK_PREFIX + "/")
                self._pages = {ui + "/": page, ui + "/index.html": page}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and self._prefixes is not None
            and not scope.get("root_path")
            and not scope["path"].startswith(self._prefixes)
        ):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"]
            if path in self._pages:
                body = self._pages[path]
                await _respond(send, scope, body, "text/html; charset=utf-8", {})
                return
            if path in self._specs:
                await self._send_spec(scope, send, self._specs[path])
                return
        await super().__call__(scope, receive, send)

    async def _send_spec(self, scope: Scope, send: Send, form: str) -> None:
        encoded = self._spec.encoded(request_origin(scope), form)
        headers = {"etag": encoded.etag, "vary": "Accept-Encoding", "cache-control": "no-cache"}
        request_headers = dict(scope.get("headers") or ())
        if encoded.etag in request_headers.get(b"if-none-match", b"").decode("latin-1"):
            await send({"type": "http.response.start", "status": 304, "headers": _raw(headers)})
            await send({"type": "http.response.body", "body": b""})
            return
        body = encoded.body
        if accepts_gzip(scope):
            body, headers["content-encoding"] = encoded.gzipped, "gzip"
        await _respond(send, scope, body, encoded.media_type, headers)


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.encode(), value.encode()) for name, value in headers.items()]


async def _respond(
    send: Send, scope: Scope, body: bytes, media_type: str, headers: dict[str, str]
) -> None:
    raw = _raw({**headers, "content-type": media_type, "content-length": str(len(body))})
    await send({"type": "http.response.start", "status": 200, "headers": raw})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
