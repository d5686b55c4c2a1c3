"""Walking both specs' operations: which were removed, added, or need a closer look."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from miso_contract import HTTP_METHODS, Contract

from ._change import Change, Collector, pointer
from ._operation import Side, compare_operation
from ._refs import Node, as_contract

_TEMPLATE = re.compile(r"{[^}/]*}")


def diff_specs(
    base: Contract | Node, head: Contract | Node, *, today: dt.date | None = None
) -> list[Change]:
    """Every change from `base` to `head` (contracts, or documents as mappings), worst first.

    `today` decides whether an `x-sunset` date has passed; tests pin it.
    """
    today = today or dt.date.today()
    base_contract, head_contract = as_contract(base), as_contract(head)
    out = Collector()
    old_ops, new_ops = _operations(base_contract), _operations(head_contract)
    new_paths = {key for key, _ in new_ops}
    for key in sorted(old_ops.keys() | new_ops.keys(), key=_document_order):
        old_op, new_op = old_ops.get(key), new_ops.get(key)
        if old_op and new_op:
            compare_operation(old_op, new_op, out.for_operation(_name(key[1], new_op.path)))
        elif old_op:
            path_gone = key[0] not in new_paths
            _removed(old_op, key[1], path_gone=path_gone, today=today, out=out)
        elif new_op:
            label = _name(key[1], new_op.path)
            out.for_operation(label).add("operation-added", new_op.at, f"{label} added")
    _compare_webhooks(base_contract, head_contract, out)
    return sorted(out.changes, key=lambda c: (-c.level, c.pointer, c.rule, c.message))


def _document_order(key: tuple[str, str]) -> tuple[str, int]:
    return key[0], HTTP_METHODS.index(key[1])


def _operations(contract: Contract) -> dict[tuple[str, str], Side]:
    """Operations keyed by their path template with parameter names blanked (`/apps/{}`).

    Renaming a path parameter changes no URL a client calls, so it must not look like a removal.
    """
    return {
        (_TEMPLATE.sub("{}", op.path), op.method.lower()): Side(
            contract, op.path, op.item, op.definition, pointer(*op.pointer)
        )
        for op in contract.operations
        if op.path.startswith("/")
    }


def _webhooks(contract: Contract) -> Mapping[str, Any]:
    webhooks = contract.document.get("webhooks")
    return webhooks if isinstance(webhooks, Mapping) else {}


def _compare_webhooks(base: Contract, head: Contract, out: Collector) -> None:
    """OpenAPI 3.1 webhooks: requests the API sends. One that is gone leaves receivers waiting."""
    old, new = _webhooks(base), _webhooks(head)
    for name in sorted(old.keys() - new.keys()):
        at = pointer("webhooks", name)
        out.for_operation(f"webhook {name}").add("webhook-removed", at, f"webhook {name} removed")
    for name in sorted(new.keys() - old.keys()):
        at = pointer("webhooks", name)
        out.for_operation(f"webhook {name}").add("webhook-added", at, f"webhook {name} added")


def _name(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def _sunset(value: Any) -> dt.date | None:
    """Read `x-sunset`, which YAML may already have turned into a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _removal_reason(side: Side, today: dt.date) -> str | None:
    """None when removal is allowed (deprecated, sunset passed); else why it is not."""
    if side.op.get("deprecated") is not True:
        return "it was not deprecated first"
    raw = side.op.get("x-sunset", side.item.get("x-sunset"))
    if raw is None:
        return "it was deprecated without an x-sunset date"
    sunset = _sunset(raw)
    if sunset is None:
        return f"its x-sunset {raw!r} is not an ISO date"
    if sunset >= today:
        return f"its x-sunset date {sunset.isoformat()} has not passed"
    return None


def _removed(side: Side, method: str, *, path_gone: bool, today: dt.date, out: Collector) -> None:
    label = _name(method, side.path)
    target = out.for_operation(label)
    reason = _removal_reason(side, today)
    if reason is None:
        msg = f"{label} removed after its sunset"
        target.add("deprecated-operation-removed", side.at, msg)
    elif path_gone:
        target.add("path-removed", side.at, f"{side.path} removed with {label}, but {reason}")
    else:
        target.add("operation-removed", side.at, f"{label} removed, but {reason}")
