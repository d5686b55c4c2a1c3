"""The rule a difference breaks, in the spec's own words: the description of the field that
differs, of the parameter a list was asked with, or of the operation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from miso_contract import Contract, Operation


def schema_at(contract: Contract, schema: Any, where: str) -> Mapping[str, Any] | None:
    """The schema of the field at `where` (`/deployments/0/status`) inside `schema`."""
    current = contract.resolve(schema or {})
    for part in [p for p in where.split("/") if p]:
        if not isinstance(current, Mapping):
            return None
        if part.isdigit() and "items" in current:
            current = contract.resolve(current["items"])
            continue
        properties = contract.properties(current)
        if part not in properties:
            return None
        current = properties[part]
    return current if isinstance(current, Mapping) else None


def operation_rule(operation: Operation) -> str:
    text = str(operation.definition.get("description") or operation.definition.get("summary") or "")
    return " ".join(text.split("\n\n", 1)[0].split())


def field_rule(contract: Contract, operation: Operation, schema: Any, where: str) -> str:
    """The field's description, with the operation's words after it."""
    found = schema_at(contract, schema, where)
    described = " ".join(str(found.get("description", "")).split()) if found else ""
    general = operation_rule(operation)
    if described and described not in general:
        return f"{described} ({operation.label}: {general})" if general else described
    return general


def parameter_rule(operation: Operation, query: Mapping[str, Any]) -> str:
    """The descriptions of the query parameters a list was asked with."""
    parameters = operation.query_parameters()
    said = [
        f"`{name}`: {' '.join(str(parameters[name].get('description', '')).split())}"
        for name in query
        if name in parameters and parameters[name].get("description")
    ]
    return "; ".join([operation_rule(operation), *said])
