"""JSON pointers (RFC 6901) as tuples of keys, so callers build paths without string juggling."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

DocPath = tuple[str, ...]


def escape(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def to_pointer(path: Iterable[object]) -> str:
    """`("paths", "/a", "get")` -> `/paths/~1a/get`; the empty path is the empty pointer."""
    return "".join("/" + escape(key) for key in path)


def from_pointer(pointer: str) -> DocPath:
    """`/paths/~1a/get` -> `("paths", "/a", "get")`; a leading `#` is allowed."""
    pointer = pointer.removeprefix("#")
    if not pointer:
        return ()
    return tuple(unescape(token) for token in pointer.removeprefix("/").split("/"))


def get(document: Any, path: Iterable[str]) -> Any:
    """The value at `path`, or None when any step is missing."""
    node = document
    for key in path:
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node


def get_pointer(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer string (`/a/0/b`, or `#/a/0/b`), or None."""
    return get(document, from_pointer(pointer))
