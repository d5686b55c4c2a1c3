"""The rules as the spec states them, read once per run from the document under test.

Nothing here is a Miso fact written in code: which operations page (their answer holds an
object with the pagination fields), the paging and filter parameters (query parameters named
like the pagination fields or like the items' fields), the sort orders (`field:asc|desc` enums
and their default), how a written resource is read back (the spec's links, or the GET on the
same path), the permissions (`x-miso-permissions`) and which error code goes with which status
(`x-status-codes` on the error-code enum). Schemas are recognised by their shape, not by their
component names, so the same rules come out of the bundle (with `$ref`s) and of the spec an
instance serves (Connexion inlines every `$ref`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PAGINATION_FIELDS = frozenset({"page", "limit", "total", "pages", "has_next", "has_prev"})
PERMISSIONS_EXTENSION = "x-miso-permissions"
STATUS_CODES_EXTENSION = "x-status-codes"
CURRENT_USER_OPERATION = "getCurrentUser"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SORT_ORDER = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*):(?P<direction>asc|desc)$")
_BODY_POINTER = re.compile(r"^\$response\.body#(?P<pointer>/.*)$")

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class ListRules:
    """A paginated list operation: its paging, filter and sort parameters, and its items."""

    label: str
    data: str  # the property holding the page's items
    pagination: str  # the property holding the Pagination object
    page_default: int
    limit_default: int
    limit_bounds: tuple[int, int]
    items: Mapping[str, Schema]  # the item schema's properties
    identity: str | None  # the item field that tells items apart (`id`), if there is one
    filters: tuple[str, ...]
    sort_param: str | None = None
    sort_default: str | None = None


@dataclass(frozen=True)
class WriteRules:
    """A write and the GET that reads its resource back.

    For a create the read path is filled from the answer (`pointers`, from the spec's link);
    for an update or a delete it is the written path itself.
    """

    label: str
    method: str
    read_path: str
    pointers: Mapping[str, str] | None
    sent: Schema  # the request body's schema
    read: Schema  # the read's 200 schema


@dataclass(frozen=True)
class ErrorRules:
    """Where the error object sits in the envelope, and the codes each status may carry."""

    envelope: str  # the property holding the error object (`error`)
    code: str  # the error object's property with `x-status-codes` (`code`)
    codes: Mapping[int, frozenset[str]]


@dataclass(frozen=True)
class SpecRules:
    lists: Mapping[str, ListRules] = field(default_factory=dict)
    writes: Mapping[str, WriteRules] = field(default_factory=dict)
    permissions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    errors: ErrorRules | None = None
    current_user_path: str | None = None


class _Document:
    """The raw spec with internal `$ref`s followed on demand."""

    def __init__(self, raw: Schema) -> None:
        self.raw = raw

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node and seen < 32:
            node = self.pointer(str(node["$ref"]))
            seen += 1
        return node

    def pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            return {}
        node: Any = self.raw
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            node = node.get(token, {}) if isinstance(node, Mapping) else {}
        return node

    def inline(self, node: Any, depth: int = 12) -> Any:
        """`node` with every internal `$ref` replaced by its target (to `depth` levels)."""
        node = self.resolve(node)
        if depth <= 0:
            return node
        if isinstance(node, Mapping):
            return {key: self.inline(value, depth - 1) for key, value in node.items()}
        if isinstance(node, list):
            return [self.inline(value, depth - 1) for value in node]
        return node

    def properties(self, schema: Any) -> dict[str, Schema]:
        schema = self.resolve(schema)
        if not isinstance(schema, Mapping):
            return {}
        return {name: self.resolve(sub) for name, sub in schema.get("properties", {}).items()}

    def json_schema(self, container: Any) -> Schema:
        """The `application/json` schema of a request body or response."""
        content = self.resolve(container or {}).get("content", {})
        return self.resolve(content.get("application/json", {}).get("schema", {})) or {}

    def operations(self) -> list[tuple[str, str, Schema, list[Schema]]]:
        """(METHOD, path, operation, parameters) for every operation."""
        found = []
        for path, item in self.raw.get("paths", {}).items():
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            for method in HTTP_METHODS:
                operation = item.get(method)
                if isinstance(operation, Mapping):
                    own = [self.resolve(p) for p in operation.get("parameters", [])]
                    found.append((method.upper(), path, operation, [*shared, *own]))
        return found


def read_rules(raw: Schema) -> SpecRules:
    doc = _Document(raw)
    operations = doc.operations()
    by_id = {op.get("operationId"): (method, path) for method, path, op, _ in operations}
    gets = {path: op for method, path, op, _ in operations if method == "GET"}
    lists, writes, permissions = {}, {}, {}
    for method, path, operation, parameters in operations:
        label = f"{method} {path}"
        if PERMISSIONS_EXTENSION in operation:
            permissions[label] = frozenset(operation[PERMISSIONS_EXTENSION])
        if method == "GET":
            rules = _list_rules(doc, label, operation, parameters)
            if rules is not None:
                lists[label] = rules
        else:
            write = _write_rules(doc, label, method, path, operation, gets, by_id)
            if write is not None:
                writes[label] = write
    current_user = by_id.get(CURRENT_USER_OPERATION)
    return SpecRules(
        lists=lists,
        writes=writes,
        permissions=permissions,
        errors=_error_rules(doc, operations),
        current_user_path=current_user[1] if current_user else None,
    )


def _list_rules(
    doc: _Document, label: str, operation: Schema, parameters: list[Schema]
) -> ListRules | None:
    """Rules for a GET whose 200 answer holds an array and the Pagination object."""
    answer = doc.properties(doc.json_schema(operation.get("responses", {}).get("200")))
    paging = next(
        (n for n, sub in answer.items() if PAGINATION_FIELDS.issubset(doc.properties(sub))), None
    )
    data = next((n for n, sub in answer.items() if sub.get("type") == "array"), None)
    if paging is None or data is None:
        return None
    items = doc.properties(answer[data].get("items", {}))
    query = {
        p["name"]: doc.resolve(p.get("schema", {})) for p in parameters if p.get("in") == "query"
    }
    if "page" not in query or "limit" not in query:
        return None
    limit = query["limit"]
    sort_param, sort_default = None, None
    for name, schema in query.items():
        orders = [SORT_ORDER.match(str(value)) for value in schema.get("enum", [])]
        if orders and all(m and m["field"] in items for m in orders):
            sort_param, sort_default = name, schema.get("default")
    filters = tuple(
        name
        for name in query
        if name in items and name not in PAGINATION_FIELDS and name != sort_param
    )
    return ListRules(
        label=label,
        data=data,
        pagination=paging,
        page_default=int(query["page"].get("default", 1)),
        limit_default=int(limit.get("default", limit.get("maximum", 1))),
        limit_bounds=(int(limit.get("minimum", 1)), int(limit.get("maximum", 100))),
        items=items,
        identity="id" if "id" in items else None,
        filters=filters,
        sort_param=sort_param,
        sort_default=sort_default,
    )


def _write_rules(
    doc: _Document,
    label: str,
    method: str,
    path: str,
    operation: Schema,
    gets: Mapping[str, Schema],
    by_id: Mapping[Any, tuple[str, str]],
) -> WriteRules | None:
    sent = doc.inline(doc.json_schema(operation.get("requestBody")))
    if method in ("PUT", "PATCH", "DELETE") and path in gets:
        read = doc.inline(doc.json_schema(gets[path].get("responses", {}).get("200")))
        return WriteRules(label, method, path, None, sent, read)
    if method != "POST":
        return None
    for status, response in operation.get("responses", {}).items():
        if not str(status).startswith("2"):
            continue
        for link in (doc.resolve(response).get("links") or {}).values():
            target = by_id.get(doc.resolve(link).get("operationId"))
            pointers = _body_pointers(doc.resolve(link).get("parameters") or {})
            if target and target[0] == "GET" and pointers is not None:
                read = doc.inline(doc.json_schema(gets[target[1]].get("responses", {}).get("200")))
                return WriteRules(label, method, target[1], pointers, sent, read)
    return None


def _body_pointers(parameters: Mapping[str, Any]) -> dict[str, str] | None:
    """Path parameters taken from the answer's body, or None if the link needs more."""
    pointers = {}
    for name, expression in parameters.items():
        match = _BODY_POINTER.match(str(expression))
        if match is None:
            return None
        pointers[name.split(".")[-1]] = match["pointer"]
    return pointers or None


def _error_rules(
    doc: _Document, operations: list[tuple[str, str, Schema, list[Schema]]]
) -> ErrorRules | None:
    """The envelope of the error answers: `{<envelope>: {<code>: ...}}` where the code's
    schema carries `x-status-codes`."""
    for _, _, operation, _ in operations:
        for status, response in operation.get("responses", {}).items():
            if str(status)[:1] not in ("4", "5"):
                continue
            for envelope, error in doc.properties(doc.json_schema(response)).items():
                for code, schema in doc.properties(error).items():
                    table = schema.get(STATUS_CODES_EXTENSION)
                    if isinstance(table, Mapping):
                        return ErrorRules(envelope, code, _codes_by_status(table))
    return None


def _codes_by_status(table: Mapping[str, Any]) -> dict[int, frozenset[str]]:
    codes: dict[int, set[str]] = {}
    for code, statuses in table.items():
        for status in statuses:
            codes.setdefault(int(status), set()).add(str(code))
    return {status: frozenset(found) for status, found in codes.items()}


def fill_path(template: str, values: Mapping[str, str]) -> str | None:
    path = template
    for name, value in values.items():
        path = path.replace(f"{{{name}}}", value)
    return None if "{" in path else path


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or None."""
    for token in filter(None, pointer.split("/")):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        elif isinstance(document, Mapping) and token in document:
            document = document[token]
        else:
            return None
    return document
