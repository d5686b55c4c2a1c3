"""Following internal `$ref`s through the contract model, as the comparison modules need them.

The loader keeps internal refs so component names survive; a comparison wants the node behind
them and, to name the component a change is in, the last ref it took.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from miso_contract import Contract

Node = Mapping[str, Any]


def as_contract(document: Contract | Node) -> Contract:
    """A contract over `document`, which callers may hand over as a plain mapping."""
    return document if isinstance(document, Contract) else Contract(document)


def resolve(contract: Contract, node: Any) -> tuple[Node, str | None]:
    """The node behind a chain of refs and the last ref taken (None if none).

    A dangling or external ref resolves to the ref object itself, which compares as opaque;
    anything that is not a mapping resolves to an empty mapping.
    """
    target, ref = contract.follow(node)
    return (target if isinstance(target, Mapping) else {}), ref
