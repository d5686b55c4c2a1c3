"""Every operation of the spec, callbacks included, with where it sits in the document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ._pointer import Path as DocPath

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Operation:
    """One operation. Callbacks are requests Miso sends, so API-side rules skip them."""

    path: DocPath
    template: str
    method: str
    body: dict[str, Any]
    item: dict[str, Any]
    callback: bool

    @property
    def operation_id(self) -> str | None:
        value = self.body.get("operationId")
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        return self.operation_id or f"{self.method.upper()} {self.template}"


def _in_path_items(items: Any, prefix: DocPath, callback: bool) -> Iterator[Operation]:
    if not isinstance(items, dict):
        return
    for template, item in items.items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            body = item.get(method)
            if not isinstance(body, dict):
                continue
            path = (*prefix, template, method)
            yield Operation(path, template, method, body, item, callback)
            yield from _in_callbacks(body.get("callbacks"), (*path, "callbacks"))


def _in_callbacks(callbacks: Any, prefix: DocPath) -> Iterator[Operation]:
    if not isinstance(callbacks, dict):
        return
    for name, items in callbacks.items():
        yield from _in_path_items(items, (*prefix, name), callback=True)


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    """Operations under `paths` in document order, each followed by its callbacks."""
    yield from _in_path_items(document.get("paths"), ("paths",), callback=False)


def effective_security(document: dict[str, Any], operation: Operation) -> list[Any]:
    """The operation's security requirements, falling back to the root's."""
    security = operation.body.get("security", document.get("security"))
    return security if isinstance(security, list) else []


def is_protected(document: dict[str, Any], operation: Operation) -> bool:
    """Protected unless no requirement applies or one of them is the empty (anonymous) one."""
    security = effective_security(document, operation)
    return bool(security) and all(isinstance(req, dict) and req for req in security)
