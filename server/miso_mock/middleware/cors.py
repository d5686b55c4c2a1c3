"""CORS for the API, for the origins `--cors-origins` lists and no others.

An origin is `scheme://host:port`, `*` standing for any port (`http://localhost:*`); a lone `*`
lets every origin read answers, but never with credentials. `null` (sandboxed frames, `file:`
pages) never matches. Mock administration (`/_mock/*`) gets no CORS at all: no web page may wipe
or read the state, whatever the list says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

HEADERS = ["Authorization", "Prefer", "Content-Type", "X-Request-ID"]


def origin_pattern(origins: Iterable[str]) -> str:
    """One regular expression matching exactly the listed origins."""
    alternatives = []
    for origin in origins:
        scheme, sep, rest = origin.partition("://")
        if not sep or not rest or "/" in rest:
            raise ValueError(f"an origin is scheme://host[:port], got {origin!r}")
        host, port = (rest[:-2], r":[0-9]{1,5}") if rest.endswith(":*") else (rest, "")
        alternatives.append(re.escape(f"{scheme}://{host}".lower()) + port)
    return "|".join(f"(?:{a})" for a in alternatives) or "(?!)"


class ApiCorsMiddleware:
    def __init__(
        self, app: ASGIApp, origins: tuple[str, ...], methods: list[str], expose: list[str]
    ) -> None:
        self.app = app
        any_origin = "*" in origins
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"] if any_origin else [],
            allow_origin_regex=None if any_origin else origin_pattern(origins),
            allow_credentials=not any_origin,
            allow_methods=methods,
            allow_headers=HEADERS,
            expose_headers=expose,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_mock/"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
