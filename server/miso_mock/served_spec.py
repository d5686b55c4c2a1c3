"""The spec as the mock serves it at `/api/v1/openapi.json` (and `.yaml`).

It is the bundle as written, `$ref`s kept: generators then name their types after the
components, and the document is a small fraction of its dereferenced size. The first server is
the address the request reached the mock at, so Swagger UI's Servers list and "Try it out" work
wherever the mock runs. Clients that accept gzip get it compressed; an `ETag` lets a reload
revalidate instead of downloading again.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

MAX_ORIGINS = 32  # origins whose encoded spec is kept at once (the Host header comes from clients)
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
OWN_SERVER_DESCRIPTION = "This mock (the address you reached it at)"


@dataclass(frozen=True)
class EncodedSpec:
    """One rendering of the spec: its bytes, gzip-compressed bytes, media type and ETag."""

    body: bytes
    gzipped: bytes
    media_type: str
    etag: str


def _plain(value: Any) -> Any:
    """YAML reads unquoted dates as date objects; JSON has only their text."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def request_origin(scope: Mapping[str, Any]) -> str:
    """`scheme://host[:port]` of the request, from its Host header when that is a plain host,
    else from the address the server listens on."""
    headers = dict(scope.get("headers") or ())
    host = headers.get(b"host", b"").decode("latin-1")
    if not _HOST.match(host):
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}"


def accepts_gzip(scope: Mapping[str, Any]) -> bool:
    """Whether `Accept-Encoding` names gzip (or `*`) without `q=0`."""
    headers = dict(scope.get("headers") or ())
    for part in headers.get(b"accept-encoding", b"").decode("latin-1").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            q = params.strip().lower().removeprefix("q=")
            try:
                return not params or float(q) > 0
            except ValueError:
                return False
    return False


class ServedSpec:
    """Encodes the document once per origin and format, and keeps the result."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = document
        self._encoded: dict[tuple[str, str], EncodedSpec] = {}

    def document_for(self, origin: str) -> dict[str, Any]:
        """The document with `origin` as its first server (listed once)."""
        others = [
            server
            for server in self._document.get("servers") or ()
            if isinstance(server, Mapping) and server.get("url") != origin
        ]
        own = {"url": origin, "description": OWN_SERVER_DESCRIPTION}
        return {**self._document, "servers": [own, *others]}

    def encoded(self, origin: str, form: str) -> EncodedSpec:
        """The spec for `origin` as `json` or `yaml`."""
        key = (origin, form)
        found = self._encoded.get(key)
        if found is None:
            document = self.document_for(origin)
            if form == "yaml":
                text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
                body, media_type = text.encode(), "application/yaml"
            else:
                body = json.dumps(document, default=_plain, ensure_ascii=False).encode()
                media_type = "application/json"
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            found = EncodedSpec(body, gzip.compress(body, mtime=0), media_type, etag)
            if len(self._encoded) >= MAX_ORIGINS:
                self._encoded.clear()
            self._encoded[key] = found
        return found
