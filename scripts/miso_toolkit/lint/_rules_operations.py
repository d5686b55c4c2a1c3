"""Contract rules on operations themselves: names, documentation, security, auth errors."""

from __future__ import annotations

import re
from collections import defaultdict

from miso_contract import PERMISSIONS_EXTENSION, Operation

from ._finding import Finding
from ._source import SplitSpec

OPERATION_ID = re.compile(r"^[a-z][a-zA-Z0-9]*$")


def check_operation_ids(spec: SplitSpec) -> list[Finding]:
    """operationIds name SDK functions: present, camelCase, unique (callbacks included)."""
    found: list[Finding] = []
    seen: dict[str, list[Operation]] = defaultdict(list)
    for op in spec.contract.walk():
        op_id = op.operation_id
        if op_id is None:
            found.append(spec.finding("operation-id", op.pointer, f"{op.name} has no operationId"))
            continue
        seen[op_id].append(op)
        if not OPERATION_ID.match(op_id):
            message = f"operationId {op_id!r} is not camelCase ({OPERATION_ID.pattern})"
            found.append(spec.finding("operation-id", (*op.pointer, "operationId"), message))
    for op_id, ops in seen.items():
        for duplicate in ops[1:]:
            first = ops[0]
            where = first.label
            message = f"operationId {op_id!r} is already used by {where}"
            found.append(spec.finding("operation-id", (*duplicate.pointer, "operationId"), message))
    return found


def _declared_tags(spec: SplitSpec) -> set[str]:
    tags = spec.document.get("tags")
    if not isinstance(tags, list):
        return set()
    return {tag["name"] for tag in tags if isinstance(tag, dict) and "name" in tag}


def _permission_values(spec: SplitSpec) -> set[str] | None:
    """The `Permission` schema's enum, the one place permission names are listed."""
    _, schema = spec.resolve(("components", "schemas", "Permission"))
    enum = schema.get("enum") if isinstance(schema, dict) else None
    return {str(value) for value in enum} if isinstance(enum, list) else None


def _field_problems(spec: SplitSpec, op: Operation) -> list[tuple[tuple[str, ...], str]]:
    body, label = op.definition, op.name
    problems: list[tuple[tuple[str, ...], str]] = []
    for key in ("summary", "description"):
        if not isinstance(body.get(key), str) or not body[key].strip():
            problems.append(((), f"{label} has no {key}"))
    tags = body.get("tags")
    if not isinstance(tags, list) or not tags:
        problems.append(((), f"{label} has no tags"))
    else:
        declared = _declared_tags(spec)
        for index, tag in enumerate(tags):
            if tag not in declared:
                message = f"{label}: tag {tag!r} is not declared in the root's tags"
                problems.append((("tags", str(index)), message))
    if "security" not in body:
        problems.append(((), f"{label} does not state its security (use `security: []` if open)"))
    return problems


def _permission_problems(spec: SplitSpec, op: Operation) -> list[tuple[tuple[str, ...], str]]:
    label, permissions = op.name, op.definition.get(PERMISSIONS_EXTENSION)
    if permissions is None:
        return [((), f"{label} has no {PERMISSIONS_EXTENSION} (use [] if open)")]
    if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
        return [
            (
                (PERMISSIONS_EXTENSION,),
                f"{label}: {PERMISSIONS_EXTENSION} must be a list of permission names",
            )
        ]
    problems: list[tuple[tuple[str, ...], str]] = []
    if not permissions and op.protected:
        problems.append(
            ((PERMISSIONS_EXTENSION,), f"{label} requires a token but lists no permission")
        )
    known = _permission_values(spec)
    for index, permission in enumerate(permissions):
        if known is not None and permission not in known:
            message = f"{label}: {permission!r} is not a value of the Permission schema"
            problems.append(((PERMISSIONS_EXTENSION, str(index)), message))
    return problems


def check_operation_fields(spec: SplitSpec) -> list[Finding]:
    """Each operation says what it does, where it is grouped, who may call it, and with what."""
    return [
        spec.finding("operation-fields", (*op.pointer, *sub), message)
        for op in spec.contract.walk()
        for sub, message in (*_field_problems(spec, op), *_permission_problems(spec, op))
    ]


def check_auth_responses(spec: SplitSpec) -> list[Finding]:
    """A protected operation can answer 401 (no/bad token) and 403 (missing permission)."""
    found: list[Finding] = []
    for op in spec.contract.walk():
        if op.callback or not op.protected:
            continue
        responses = op.definition.get("responses")
        codes = set(responses) if isinstance(responses, dict) else set()
        missing = [code for code in ("401", "403") if code not in codes]
        if missing:
            message = f"{op.name} requires a token but does not document {' and '.join(missing)}"
            found.append(spec.finding("auth-responses", (*op.pointer, "responses"), message))
    return found
