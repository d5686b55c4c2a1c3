"""Comparing one operation found on both sides: name, security, parameters, body, responses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from miso_contract import Contract

from ._change import Collector, pointer
from ._refs import Node, resolve
from ._schema import SchemaDiff

Requirement = Mapping[str, list[str]]


@dataclass(frozen=True)
class Side:
    """One side of an operation: the whole document (for refs and root security) and the parts."""

    doc: Contract
    path: str
    item: Node
    op: Node
    at: str  # JSON pointer of the operation on this side


def compare_operation(base: Side, head: Side, out: Collector) -> None:
    """Report every difference between two versions of one operation."""
    if head.op.get("deprecated") is True and base.op.get("deprecated") is not True:
        out.add("operation-deprecated", head.at + "/deprecated", "operation marked deprecated")
    _compare_operation_id(base, head, out)
    _compare_security(base, head, out)
    _compare_parameters(base, head, out)
    _compare_request_body(base, head, out)
    _compare_responses(base, head, out)


def _compare_operation_id(base: Side, head: Side, out: Collector) -> None:
    old, new = base.op.get("operationId"), head.op.get("operationId")
    if old and new and old != new:
        out.add("operation-id-changed", head.at + "/operationId", f"renamed {old} -> {new}")
    elif old and not new:
        out.add("operation-id-removed", head.at + "/operationId", f"operationId {old} removed")


# --- security ---------------------------------------------------------------------------------


def _requirements(side: Side) -> list[Requirement]:
    """The alternatives an operation accepts; an empty requirement means anonymous."""
    declared = side.op.get("security", side.doc.document.get("security"))
    if not isinstance(declared, list) or not declared:
        return [{}]
    return [req if isinstance(req, Mapping) else {} for req in declared]


def _meets(credentials: Requirement, requirement: Requirement) -> bool:
    """Whether a request that satisfied `credentials` also satisfies `requirement`."""
    return all(
        name in credentials and set(scopes or []) <= set(credentials[name] or [])
        for name, scopes in requirement.items()
    )


def _describe_security(alternatives: list[Requirement]) -> str:
    def one(req: Requirement) -> str:
        parts = [f"{n}[{', '.join(s)}]" if s else n for n, s in sorted(req.items())]
        return " + ".join(parts) or "anonymous"

    return " or ".join(one(req) for req in alternatives)


def _compare_security(base: Side, head: Side, out: Collector) -> None:
    old, new = _requirements(base), _requirements(head)
    at = head.at + "/security"
    was, now = _describe_security(old), _describe_security(new)
    for credentials in old:
        if any(_meets(credentials, req) for req in new):
            continue
        same_schemes = any(set(req) <= set(credentials) for req in new)
        rule = "security-scope-added" if same_schemes else "security-added"
        out.add(rule, at, f"requires {now} (was {was})")
        return
    if any(not any(_meets(req, required) for required in old) for req in new):
        out.add("security-removed", at, f"accepts {now} (was {was})")


# --- parameters -------------------------------------------------------------------------------

_TEMPLATE = re.compile(r"{([^}/]+)}")


def _parameters(side: Side) -> dict[tuple[str, str], tuple[Node, str]]:
    """Path-item and operation parameters (the operation's win), keyed by location and name.

    Path parameters are keyed by their position in the template, so renaming `{id}` to
    `{app_id}` is not reported as one parameter removed and another added.
    """
    template = _TEMPLATE.findall(side.path)
    item_at = side.at.rsplit("/", 1)[0]
    found: dict[tuple[str, str], tuple[Node, str]] = {}
    for source, at in ((side.item, item_at), (side.op, side.at)):
        for index, raw in enumerate(source.get("parameters") or []):
            param, _ = resolve(side.doc, raw)
            name, where = str(param.get("name", "")), str(param.get("in", ""))
            if where == "path" and name in template:
                name = f"#{template.index(name)}"
            elif where == "header":
                name = name.lower()
            found[(where, name)] = (param, at + pointer("parameters", index))
    return found


def _parameter_schema(param: Node) -> tuple[Any, str]:
    """A parameter's schema and its relative pointer, whether given by `schema` or `content`."""
    if "schema" in param:
        return param["schema"], "/schema"
    for media_type, media in (param.get("content") or {}).items():
        return (media or {}).get("schema"), pointer("content", media_type, "schema")
    return {}, "/schema"


def _label(param: Node) -> str:
    return f"{param.get('in')} parameter {param.get('name')!r}"


def _compare_parameters(base: Side, head: Side, out: Collector) -> None:
    old, new = _parameters(base), _parameters(head)
    schemas = SchemaDiff(base.doc, head.doc, "request", out)
    for key in sorted(new.keys() - old.keys()):
        param, at = new[key]
        if param.get("required") is True or param.get("in") == "path":
            out.add("new-required-parameter", at, f"required {_label(param)} added")
        else:
            out.add("new-optional-parameter", at, f"optional {_label(param)} added")
    for key in sorted(old.keys() - new.keys()):
        param, at = old[key]
        out.add("parameter-removed", at, f"{_label(param)} removed")
    for key in sorted(old.keys() & new.keys()):
        (old_param, _), (new_param, at) = old[key], new[key]
        was, now = old_param.get("required") is True, new_param.get("required") is True
        if now and not was:
            out.add("parameter-became-required", at + "/required", f"{_label(new_param)} required")
        elif was and not now and new_param.get("in") != "path":
            out.add("parameter-became-optional", at + "/required", f"{_label(new_param)} optional")
        old_schema, _ = _parameter_schema(old_param)
        new_schema, rel = _parameter_schema(new_param)
        _compare_default(base, head, old_schema, new_schema, at + rel, out)
        schemas.compare(old_schema, new_schema, at + rel)


_NO_DEFAULT = object()


def _compare_default(
    base: Side, head: Side, old_schema: Any, new_schema: Any, at: str, out: Collector
) -> None:
    """A client that leaves a parameter out gets its default: a new default changes the call."""
    old = resolve(base.doc, old_schema)[0].get("default", _NO_DEFAULT)
    new = resolve(head.doc, new_schema)[0].get("default", _NO_DEFAULT)
    if old == new or (old is not _NO_DEFAULT and new is not _NO_DEFAULT and _same(old, new)):
        return

    def shown(value: Any) -> str:
        return "none" if value is _NO_DEFAULT else repr(value)

    msg = f"default changed from {shown(old)} to {shown(new)}"
    out.add("request-parameter-default-changed", at + "/default", msg)


def _same(old: Any, new: Any) -> bool:
    """YAML reads `10` and `10.0` apart; a default means the same value either way."""
    return (type(old) is type(new) and old == new) or (
        isinstance(old, int | float) and isinstance(new, int | float) and old == new
    )


# --- bodies -----------------------------------------------------------------------------------


def _content(node: Node) -> dict[str, Any]:
    """Media types by lower-cased name, so `Application/JSON` matches `application/json`."""
    return {str(k).lower(): v for k, v in (node.get("content") or {}).items()}


def _compare_content(schemas: SchemaDiff, old: Node, new: Node, at: str) -> None:
    """Compare the media types of a request body or a response, in the direction of `schemas`."""
    old_content, new_content = _content(old), _content(new)
    for media_type in sorted(old_content.keys() - new_content.keys()):
        msg = f"media type {media_type} removed"
        schemas.out.add(
            f"{schemas.direction}-media-type-removed", at + pointer("content", media_type), msg
        )
    for media_type in sorted(new_content.keys() - old_content.keys()):
        msg = f"media type {media_type} added"
        schemas.out.add(
            f"{schemas.direction}-media-type-added", at + pointer("content", media_type), msg
        )
    for media_type in sorted(old_content.keys() & new_content.keys()):
        old_schema = (old_content[media_type] or {}).get("schema")
        new_schema = (new_content[media_type] or {}).get("schema")
        if old_schema is not None or new_schema is not None:
            schema_at = at + pointer("content", media_type, "schema")
            schemas.compare(old_schema or {}, new_schema or {}, schema_at)


def _compare_request_body(base: Side, head: Side, out: Collector) -> None:
    at = head.at + "/requestBody"
    old_raw, new_raw = base.op.get("requestBody"), head.op.get("requestBody")
    if old_raw is None and new_raw is None:
        return
    old, _ = resolve(base.doc, old_raw)
    new, _ = resolve(head.doc, new_raw)
    if old_raw is None:
        if new.get("required") is True:
            out.add("new-required-request-body", at, "a required request body was added")
        else:
            out.add("new-optional-request-body", at, "an optional request body was added")
        return
    if new_raw is None:
        out.add("request-body-removed", base.at + "/requestBody", "the request body was removed")
        return
    if new.get("required") is True and old.get("required") is not True:
        out.add("request-body-became-required", at + "/required", "the request body is required")
    _compare_content(SchemaDiff(base.doc, head.doc, "request", out), old, new, at)


# --- responses --------------------------------------------------------------------------------


def _is_success(status: str) -> bool:
    return status.startswith("2")


def _responses(side: Side) -> dict[str, Any]:
    """Responses by status; YAML may hand us `200` as an int, and `2xx` means `2XX`."""
    declared = side.op.get("responses") or {}
    return {str(k) if str(k) == "default" else str(k).upper(): v for k, v in declared.items()}


def _compare_responses(base: Side, head: Side, out: Collector) -> None:
    old, new = _responses(base), _responses(head)
    for status in sorted(old.keys() - new.keys()):
        at = base.at + pointer("responses", status)
        if _is_success(status):
            out.add("response-success-status-removed", at, f"success status {status} removed")
        else:
            out.add("response-status-removed", at, f"status {status} removed")
    for status in sorted(new.keys() - old.keys()):
        out.add("response-status-added", head.at + pointer("responses", status), f"{status} added")
    schemas = SchemaDiff(base.doc, head.doc, "response", out)
    for status in sorted(old.keys() & new.keys()):
        old_response, _ = resolve(base.doc, old[status])
        new_response, _ = resolve(head.doc, new[status])
        at = head.at + pointer("responses", status)
        _compare_content(schemas, old_response, new_response, at)
        _compare_headers(schemas, old_response, new_response, at)


def _headers(doc: Contract, response: Node) -> dict[str, tuple[str, Node]]:
    """Response headers by lower-cased name (HTTP headers are case-insensitive)."""
    declared = response.get("headers") or {}
    return {str(k).lower(): (str(k), resolve(doc, v)[0]) for k, v in declared.items()}


def _compare_headers(schemas: SchemaDiff, old: Node, new: Node, at: str) -> None:
    """A header the response promised must stay promised; its schema compares as a response."""
    old_headers = _headers(schemas.base_doc, old)
    new_headers = _headers(schemas.head_doc, new)
    for key, (name, header) in sorted(old_headers.items()):
        required = header.get("required") is True
        if key not in new_headers:
            if required:
                msg = f"required header {name} removed"
                schemas.out.add(
                    "response-required-header-removed", at + pointer("headers", name), msg
                )
            continue
        new_name, new_header = new_headers[key]
        header_at = at + pointer("headers", new_name)
        if required and new_header.get("required") is not True:
            msg = f"header {name} is no longer required"
            schemas.out.add("response-required-header-removed", header_at + "/required", msg)
        old_schema, new_schema = header.get("schema") or {}, new_header.get("schema") or {}
        schemas.compare(old_schema, new_schema, header_at + "/schema")
