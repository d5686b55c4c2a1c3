"""What the mock reads from the spec: operations, their paths and permissions, error codes.

Everything the spec states (a permission, a status-to-code rule, an example) is looked up here
rather than repeated in the mock's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

BUNDLE = Path(__file__).resolve().parents[2] / "openapi" / "dist" / "miso.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
MAX_MATCHED = 4096  # request paths whose spec path is remembered at once


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with the facts the mock needs about it."""

    operation_id: str
    method: str
    path: str
    tag: str
    permissions: tuple[str, ...]
    protected: bool
    definition: dict[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class PathTemplate:
    """A spec path compiled to a regex, with the operation of each declared method."""

    template: str
    regex: re.Pattern[str]
    methods: dict[str, str]


class Contract:
    """The bundled spec, indexed for the mock."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.operations: dict[str, Operation] = {}
        self.paths: list[PathTemplate] = []
        global_security = spec.get("security", [])
        for template, item in spec["paths"].items():
            methods: dict[str, str] = {}
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                op = item[method]
                security = op.get("security", global_security)
                self.operations[op["operationId"]] = Operation(
                    operation_id=op["operationId"],
                    method=method.upper(),
                    path=template,
                    tag=op["tags"][0],
                    permissions=tuple(op.get("x-miso-permissions", ())),
                    protected=any(requirement for requirement in security),
                    definition=op,
                )
                methods[method.upper()] = op["operationId"]
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            self.paths.append(PathTemplate(template, re.compile(f"^{pattern}$"), methods))
        # Static paths first, so /users/me wins over /users/{user_id}.
        self.paths.sort(key=lambda p: (p.template.count("{"), p.template))
        self._matched: dict[str, PathTemplate | None] = {}
        # Connexion reports an operation by its resolved handler path; index those too.
        self._by_handler = {handler_path(op): op for op in self.operations.values()}
        codes = spec["components"]["schemas"]["ErrorCode"]["x-status-codes"]
        self.code_for_status: dict[int, str] = {
            status: code for code, statuses in codes.items() for status in statuses
        }

    def operation(self, routing_id: str | None) -> Operation | None:
        """The operation Connexion's routing names (an operationId or its handler path)."""
        if not routing_id:
            return None
        return self.operations.get(routing_id) or self._by_handler.get(routing_id)

    def match(self, path: str) -> PathTemplate | None:
        """The spec path that `path` falls under, if any.

        Two middlewares ask on every request, and clients repeat their paths: answers are
        remembered (a bounded number, as paths come from clients).
        """
        if path in self._matched:
            return self._matched[path]
        found = next((c for c in self.paths if c.regex.match(path)), None)
        if len(self._matched) >= MAX_MATCHED:
            self._matched.clear()
        self._matched[path] = found
        return found

    def error_code(self, status: int) -> str:
        """The error code the spec pairs with an HTTP status."""
        if status in self.code_for_status:
            return self.code_for_status[status]
        return "INTERNAL_ERROR" if status >= 500 else "VALIDATION_ERROR"

    def deref(self, node: Any) -> Any:
        """Follow `#/...` references until a node that is not one."""
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def responses(self, op: Operation) -> dict[str, dict[str, Any]]:
        """An operation's responses by status, references resolved."""
        return {status: self.deref(r) for status, r in op.definition["responses"].items()}

    def schema(self, name: str) -> dict[str, Any]:
        schema: dict[str, Any] = self.spec["components"]["schemas"][name]
        return schema

    def enum(self, name: str) -> list[str]:
        return list(self.schema(name)["enum"])


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def handler_path(op: Operation) -> str:
    """Where an operation's handler lives: `listApplications` (tag `applications`) →
    `miso_mock.handlers.applications.list_applications`."""
    return f"miso_mock.handlers.{op.tag}.{snake_case(op.operation_id)}"


# libyaml's parser when PyYAML has it (its wheels do): a sixth of the pure-Python time, and
# the bundle is read at every start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(path: Path = BUNDLE) -> Contract:
    """Load and index the bundle once per process."""
    with path.open() as handle:
        return Contract(yaml.load(handle, Loader=_LOADER))
