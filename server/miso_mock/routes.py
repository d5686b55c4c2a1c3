"""Which spec path a request falls under, and which handler function serves an operation.

Everything else the mock reads from the spec (permissions, error codes, examples, enums) comes
from the contract model, `miso_contract`, directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from miso_contract import Contract, Operation

MAX_MATCHED = 4096  # request paths whose spec path is remembered at once


@dataclass(frozen=True)
class PathTemplate:
    """A spec path compiled to a regex, with the operation of each declared method."""

    template: str
    regex: re.Pattern[str]
    methods: dict[str, str]


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def handler_path(op: Operation) -> str:
    """Where an operation's handler lives: `listApplications` (tag `applications`) →
    `miso_mock.handlers.applications.list_applications`."""
    return f"miso_mock.handlers.{op.tag}.{snake_case(op.operation_id or '')}"


class Routes:
    """The contract's paths, matched against request paths, and its operations by handler."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        methods: dict[str, dict[str, str]] = {}
        for op in contract.operations:
            methods.setdefault(op.path, {})[op.method] = op.operation_id or ""
        self.paths = [
            PathTemplate(template, contract.path_regex(template), by_method)
            for template, by_method in methods.items()
        ]
        # Static paths first, so /users/me wins over /users/{user_id}.
        self.paths.sort(key=lambda p: (p.template.count("{"), p.template))
        self._matched: dict[str, PathTemplate | None] = {}
        # Connexion reports an operation by its resolved handler path; index those too.
        self._by_handler = {handler_path(op): op for op in contract.operations}

    def operation(self, routing_id: str | None) -> Operation | None:
        """The operation Connexion's routing names (an operationId or its handler path)."""
        if not routing_id:
            return None
        return self.contract.operation(routing_id) or self._by_handler.get(routing_id)

    def handler(self, operation_id: str) -> str:
        """The handler path of an operation, for Connexion's resolver."""
        op = self.contract.operation(operation_id)
        if op is None:
            raise KeyError(operation_id)
        return handler_path(op)

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
