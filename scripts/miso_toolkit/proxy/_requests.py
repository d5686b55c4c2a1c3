"""Request validation: what a client sent must match the operation it called, as a server
that validates requests would judge it (required parameters, the JSON body's schema).

Schemathesis judges responses only; this is the request half. Schemas are read through the
contract model and validated with OpenAPI 3.0 semantics (`nullable`, `readOnly`,
`writeOnly`) by openapi-schema-validator's `OAS30Validator`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from jsonschema.exceptions import best_match
from miso_contract import Contract, Operation, Route
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from ._exchange import Exchange

CHECK_NAME = "request_conformance"
MAX_LISTED = 3


class RequestSchemas:
    """The compiled request-body validator of each operation, built once."""

    def __init__(self, contract: Contract) -> None:
        self._contract = contract
        self._validators: dict[str, Any] = {}

    def body_validator(self, operation: Operation) -> Any:
        if operation.label not in self._validators:
            schema = self._contract.inline(self._contract.json_schema(operation.request_body))
            self._validators[operation.label] = (
                OAS30Validator(schema, format_checker=oas30_format_checker) if schema else None
            )
        return self._validators[operation.label]

    def problems(self, exchange: Exchange, route: Route) -> list[str]:
        """What is wrong with the request, one sentence each (empty: nothing)."""
        operation = route.operation
        found = _missing_parameters(exchange, operation)
        body = operation.request_body
        if body is None or not exchange.request_complete:
            return found
        required = bool(self._contract.resolve(body).get("required"))
        media = (exchange.request_header("content-type") or "").split(";")[0].strip().lower()
        if not exchange.request_body:
            if required:
                found.append("the request body is required and was empty")
            return found
        if media not in ("application/json", "") and not media.endswith("+json"):
            return found  # form bodies (the token endpoint) are judged by the server
        validator = self.body_validator(operation)
        document = exchange.request_json()
        if validator is None:
            return found
        if document is None:
            found.append("the request body is not JSON")
            return found
        errors = list(validator.iter_errors(document))
        if errors:
            first = best_match(errors)
            where = "/".join(str(p) for p in first.absolute_path) or "(body)"
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            found.append(
                f"the request body does not match its schema at `{where}`: {first.message}{more}"
            )
        return found


def _missing_parameters(exchange: Exchange, operation: Operation) -> list[str]:
    query = {name for name, _ in parse_qsl(exchange.query, keep_blank_values=True)}
    headers = {name.lower() for name, _ in exchange.request_headers}
    missing = []
    for parameter in operation.parameters:
        if not parameter.get("required") or not isinstance(parameter, Mapping):
            continue
        name, where = str(parameter.get("name")), parameter.get("in")
        if (where == "query" and name not in query) or (
            where == "header" and name.lower() not in headers
        ):
            missing.append(f"the required {where} parameter `{name}` is missing")
    return missing[:MAX_LISTED]
