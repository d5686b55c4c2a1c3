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

from miso_contract import PAGINATION_FIELDS, STATUS_CODES_EXTENSION, Contract, Operation

CURRENT_USER_OPERATION = "getCurrentUser"
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


def read_rules(contract: Contract) -> SpecRules:
    lists, writes, permissions = {}, {}, {}
    for operation in contract.operations:
        if operation.permissions:
            permissions[operation.label] = frozenset(operation.permissions)
        if operation.method == "GET":
            rules = _list_rules(contract, operation)
            if rules is not None:
                lists[operation.label] = rules
        else:
            write = _write_rules(contract, operation)
            if write is not None:
                writes[operation.label] = write
    current_user = contract.operation(CURRENT_USER_OPERATION)
    codes = contract.codes_for_status
    return SpecRules(
        lists=lists,
        writes=writes,
        permissions=permissions,
        errors=_error_rules(contract, codes) if codes else None,
        current_user_path=current_user.path if current_user else None,
    )


def _list_rules(contract: Contract, operation: Operation) -> ListRules | None:
    """Rules for a paginated list (the contract model says which operations page): its
    paging, and the filter and sort parameters named like the items' fields."""
    paged = contract.paged_list(operation)
    if paged is None:
        return None
    items = paged.items
    sort_param, sort_default = None, None
    for name, schema in paged.query.items():
        orders = [SORT_ORDER.match(str(value)) for value in schema.get("enum", [])]
        if orders and all(m and m["field"] in items for m in orders):
            sort_param, sort_default = name, schema.get("default")
    filters = tuple(
        name
        for name in paged.query
        if name in items and name not in PAGINATION_FIELDS and name != sort_param
    )
    return ListRules(
        label=operation.label,
        data=paged.data,
        pagination=paged.pagination,
        page_default=paged.page_default,
        limit_default=paged.limit_default,
        limit_bounds=paged.limit_bounds,
        items=items,
        identity="id" if "id" in items else None,
        filters=filters,
        sort_param=sort_param,
        sort_default=sort_default,
    )


def _write_rules(contract: Contract, operation: Operation) -> WriteRules | None:
    sent = contract.inline(contract.json_schema(operation.request_body))
    method, label = operation.method, operation.label
    read_op = contract.find("GET", operation.path)
    if method in ("PUT", "PATCH", "DELETE") and read_op is not None:
        read = _read_schema(contract, read_op)
        return WriteRules(label, method, operation.path, None, sent, read)
    if method != "POST":
        return None
    for status, _, link in contract.links(operation):
        if not status.startswith("2"):
            continue
        target = contract.operation(link.get("operationId"))
        pointers = _body_pointers(link.get("parameters") or {})
        if target and target.method == "GET" and pointers is not None:
            read = _read_schema(contract, target)
            return WriteRules(label, method, target.path, pointers, sent, read)
    return None


def _read_schema(contract: Contract, read: Operation) -> Schema:
    schema: Schema = contract.inline(contract.json_schema(read.responses.get("200")))
    return schema


def _body_pointers(parameters: Mapping[str, Any]) -> dict[str, str] | None:
    """Path parameters taken from the answer's body, or None if the link needs more."""
    pointers = {}
    for name, expression in parameters.items():
        match = _BODY_POINTER.match(str(expression))
        if match is None:
            return None
        pointers[name.split(".")[-1]] = match["pointer"]
    return pointers or None


def _error_rules(contract: Contract, codes: Mapping[int, frozenset[str]]) -> ErrorRules | None:
    """The envelope of the error answers: `{<envelope>: {<code>: ...}}` where the code's
    schema is the one carrying the error-code table (`x-status-codes`)."""
    for operation in contract.operations:
        for status, response in operation.responses.items():
            if status[:1] not in ("4", "5"):
                continue
            for envelope, error in contract.properties(contract.json_schema(response)).items():
                for code, schema in contract.properties(error).items():
                    if isinstance(schema.get(STATUS_CODES_EXTENSION), Mapping):
                        return ErrorRules(envelope, code, codes)
    return None


def fill_path(template: str, values: Mapping[str, str]) -> str | None:
    path = template
    for name, value in values.items():
        path = path.replace(f"{{{name}}}", value)
    return None if "{" in path else path
