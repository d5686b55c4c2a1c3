"""Walking both specs' paths: which operations were removed, added, or need a closer look."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ._change import Change, Collector, pointer
from ._operation import Side, compare_operation
from ._refs import Node, resolve

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE = re.compile(r"{[^}/]*}")


def diff_specs(base: Node, head: Node, *, today: dt.date | None = None) -> list[Change]:
    """Every change from `base` to `head` (both resolved spec documents), worst first.

    `today` decides whether an `x-sunset` date has passed; tests pin it.
    """
    today = today or dt.date.today()
    out = Collector()
    old_paths, new_paths = _paths(base), _paths(head)
    for key in sorted(old_paths.keys() | new_paths.keys()):
        old = old_paths.get(key)
        new = new_paths.get(key)
        old_ops = _operations(base, old)
        new_ops = _operations(head, new)
        for method in METHODS:
            old_op, new_op = old_ops.get(method), new_ops.get(method)
            if old_op and new_op:
                compare_operation(old_op, new_op, out.for_operation(_name(method, new_op.path)))
            elif old_op:
                _removed(old_op, method, path_gone=new is None, today=today, out=out)
            elif new_op:
                label = _name(method, new_op.path)
                out.for_operation(label).add("operation-added", new_op.at, f"{label} added")
    return sorted(out.changes, key=lambda c: (-c.level, c.pointer, c.rule, c.message))


def _paths(doc: Node) -> dict[str, tuple[str, Node]]:
    """Path items keyed by their template with parameter names blanked (`/apps/{}`).

    Renaming a path parameter changes no URL a client calls, so it must not look like a removal.
    """
    found: dict[str, tuple[str, Node]] = {}
    for path, item in (doc.get("paths") or {}).items():
        if isinstance(path, str) and path.startswith("/"):
            found[_TEMPLATE.sub("{}", path)] = (path, resolve(doc, item)[0])
    return found


def _operations(doc: Node, entry: tuple[str, Node] | None) -> dict[str, Side]:
    if entry is None:
        return {}
    path, item = entry
    return {
        method: Side(doc, path, item, op, pointer("paths", path, method))
        for method in METHODS
        if isinstance(op := item.get(method), Mapping)
    }


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
