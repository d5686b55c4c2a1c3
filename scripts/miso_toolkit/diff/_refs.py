"""Following internal `$ref`s, which the loader deliberately keeps so component names survive."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_MAX_CHAIN = 64  # a `$ref` to a `$ref` to ...; longer chains are cycles of pure refs

Node = Mapping[str, Any]


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def lookup(doc: Node, ref: str) -> Node | None:
    """The node an internal ref (`#/components/schemas/App`) points at, or None if dangling."""
    if not ref.startswith("#/"):
        return None
    node: Any = doc
    for token in ref[2:].split("/"):
        token = _unescape(token)
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node if isinstance(node, Mapping) else None


def resolve(doc: Node, node: Any) -> tuple[Node, str | None]:
    """Follow a chain of internal refs; return the target and the last ref taken (or None).

    A dangling or external ref resolves to the ref object itself, which compares as opaque.
    Anything that is not a mapping resolves to an empty mapping.
    """
    if not isinstance(node, Mapping):
        return {}, None
    last: str | None = None
    for _ in range(_MAX_CHAIN):
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return node, last
        target = lookup(doc, ref)
        if target is None:
            return node, ref
        node, last = target, ref
    return node, last
