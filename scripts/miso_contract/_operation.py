"""One operation of a document, with the facts every tool asks about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._pointer import DocPath

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# RFC 9110 §9.2.1 lists TRACE as safe too; it is left out because it echoes requests back
# (cross-site tracing), which nobody means by "read-only".
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PERMISSIONS_EXTENSION = "x-miso-permissions"


def is_safe(method: str) -> bool:
    """Whether a request with this method may be sent by a run that must not change data."""
    return method.upper() in SAFE_METHODS


@dataclass(frozen=True)
class Operation:
    """An operation as the document states it; `$ref`s in parameters are already resolved.

    `callback` operations are requests the API sends (webhook deliveries), not ones it serves.
    """

    method: str  # upper case: "GET"
    path: str  # the path template: "/api/v1/applications/{application_id}"
    pointer: DocPath  # where the operation sits: ("paths", "/api/v1/...", "get")
    definition: Mapping[str, Any] = field(repr=False, compare=False)
    item: Mapping[str, Any] = field(repr=False, compare=False)
    parameters: tuple[Mapping[str, Any], ...] = field(repr=False, compare=False)
    security: tuple[Mapping[str, Any], ...] = field(repr=False, compare=False)
    callback: bool = False

    @property
    def operation_id(self) -> str | None:
        value = self.definition.get("operationId")
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        """`METHOD /path`: how reports name an operation."""
        return f"{self.method} {self.path}"

    @property
    def name(self) -> str:
        """The operationId, or `METHOD /path` when there is none."""
        return self.operation_id or self.label

    @property
    def tags(self) -> tuple[str, ...]:
        tags = self.definition.get("tags")
        return tuple(str(tag) for tag in tags) if isinstance(tags, list) else ()

    @property
    def tag(self) -> str | None:
        return self.tags[0] if self.tags else None

    @property
    def permissions(self) -> tuple[str, ...]:
        value = self.definition.get(PERMISSIONS_EXTENSION)
        return tuple(str(p) for p in value) if isinstance(value, list) else ()

    @property
    def protected(self) -> bool:
        """Protected unless no requirement applies or one of them is the empty (anonymous) one."""
        return bool(self.security) and all(
            isinstance(requirement, Mapping) and requirement for requirement in self.security
        )

    @property
    def request_body(self) -> Mapping[str, Any] | None:
        body = self.definition.get("requestBody")
        return body if isinstance(body, Mapping) else None

    @property
    def responses(self) -> Mapping[str, Any]:
        """Responses by status as written (references not followed); keys are strings."""
        responses = self.definition.get("responses")
        if not isinstance(responses, Mapping):
            return {}
        return {str(status): response for status, response in responses.items()}

    @property
    def callbacks(self) -> Mapping[str, Any]:
        callbacks = self.definition.get("callbacks")
        return callbacks if isinstance(callbacks, Mapping) else {}

    @property
    def deprecated(self) -> bool:
        return self.definition.get("deprecated") is True

    def query_parameters(self) -> dict[str, Mapping[str, Any]]:
        return {str(p["name"]): p for p in self.parameters if p.get("in") == "query"}
