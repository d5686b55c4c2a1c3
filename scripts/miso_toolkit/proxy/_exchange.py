"""One request and its answer as the proxy saw them on the wire: what the checks judge and
what a recording keeps."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

# Bodies larger than this are forwarded whole but not kept for the checks: their content is
# not judged (status, headers and content type still are).
MAX_KEPT_BODY = 8 * 1024 * 1024
_IDS = itertools.count(1)


def next_id() -> str:
    return f"proxy-{next(_IDS)}"


@dataclass
class Exchange:
    id: str
    method: str
    path: str  # as requested, without the query
    query: str  # raw query string
    request_headers: list[tuple[str, str]]
    request_body: bytes = b""
    request_complete: bool = True  # False when the body was larger than MAX_KEPT_BODY
    status: int = 0
    reason: str = ""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    response_body: bytes = b""
    response_complete: bool = True
    elapsed: float = 0.0

    def request_header(self, name: str) -> str | None:
        return _first(self.request_headers, name)

    def response_header(self, name: str) -> str | None:
        return _first(self.response_headers, name)

    @property
    def target(self) -> str:
        return self.path + (f"?{self.query}" if self.query else "")

    @property
    def bearer_token(self) -> str | None:
        value = self.request_header("authorization") or ""
        scheme, _, token = value.partition(" ")
        return token.strip() or None if scheme.lower() == "bearer" else None

    def response_json(self) -> Any:
        return _json(self.response_body) if self.response_complete else None

    def request_json(self) -> Any:
        return _json(self.request_body) if self.request_complete else None


class Tee:
    """Keeps a copy of the chunks passing through, up to MAX_KEPT_BODY."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._size = 0
        self.complete = True

    def add(self, chunk: bytes) -> None:
        if not self.complete:
            return
        self._size += len(chunk)
        if self._size > MAX_KEPT_BODY:
            self._chunks.clear()
            self.complete = False
            return
        self._chunks.append(chunk)

    def value(self) -> bytes:
        return b"".join(self._chunks)


def _first(headers: list[tuple[str, str]], name: str) -> str | None:
    name = name.lower()
    return next((value for key, value in headers if key.lower() == name), None)


def _json(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None
