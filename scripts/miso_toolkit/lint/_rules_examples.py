"""Every example validates against its schema, the way a client decoding it would see it.

Schemas are OpenAPI 3.0 schemas (`nullable`, read/write-only), so openapi-schema-validator's
OAS30 validators judge them; request examples use the write view, response examples the read
view. Of `format`, only date-time, email and uri are checked: the others are hints.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from jsonschema import FormatChecker
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from miso_contract import DocPath, Operation, to_pointer
from openapi_schema_validator import OAS30ReadValidator, OAS30Validator, OAS30WriteValidator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from ._finding import Finding
from ._source import SplitSpec

RULE = "examples-valid"
_BASE = "urn:miso-spec"
_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SUBSCHEMA_MAPS = ("properties",)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SUBSCHEMA_ONE = ("items", "additionalProperties", "not")

_formats = FormatChecker(formats=())


@_formats.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@_formats.checks("email")
def _is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.match(value))


@_formats.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"mailto", "urn"})


class _Checker:
    """Validates examples against schemas at bundle locations, refs resolved in the document."""

    def __init__(self, spec: SplitSpec) -> None:
        self.spec = spec
        self.registry: Registry[Any] = Registry().with_resource(
            _BASE, DRAFT4.create_resource(spec.document)
        )
        self.found: set[Finding] = set()

    def check(
        self, value: Any, schema_at: DocPath, example_at: DocPath, cls: type[Validator]
    ) -> None:
        schema = {"$ref": f"{_BASE}#{to_pointer(schema_at)}"}
        validator = cls(schema, registry=self.registry, format_checker=_formats)
        try:
            error = best_match(validator.iter_errors(value))
        except Exception as exc:  # an unresolvable $ref or a broken schema: say so, go on
            message = f"example cannot be checked: {type(exc).__name__}: {exc}"
            self.found.add(self.spec.finding(RULE, example_at, message))
            return
        if error is not None:
            inside = to_pointer(str(k) for k in error.absolute_path)
            where = f" at {inside}" if inside else ""
            message = f"example does not match its schema{where}: {error.message}"
            self.found.add(self.spec.finding(RULE, example_at, message[:300]))

    def schema(self, path: DocPath, schema: Any) -> None:
        """A schema's own `example`, then its subschemas' (refs are checked where they live)."""
        if not isinstance(schema, dict) or "$ref" in schema:
            return
        if "example" in schema:
            self.check(schema["example"], path, (*path, "example"), OAS30Validator)
        for key in _SUBSCHEMA_MAPS:
            for name, sub in (schema.get(key) or {}).items():
                self.schema((*path, key, name), sub)
        for key in _SUBSCHEMA_LISTS:
            for index, sub in enumerate(schema.get(key) or []):
                self.schema((*path, key, str(index)), sub)
        for key in _SUBSCHEMA_ONE:
            self.schema((*path, key), schema.get(key))

    def holder(self, path: DocPath, node: Any, cls: type[Validator]) -> None:
        """A media type, parameter or header: `schema` plus `example` or named `examples`."""
        if not isinstance(node, dict) or "$ref" in node:
            return
        for media_type in node.get("content") or {}:
            self.holder((*path, "content", media_type), node["content"][media_type], cls)
        if "schema" not in node:
            return
        schema_at = (*path, "schema")
        self.schema(schema_at, node["schema"])
        if "example" in node:
            self.check(node["example"], schema_at, (*path, "example"), cls)
        for name in node.get("examples") or {}:
            example_at, example = self.spec.resolve((*path, "examples", name))
            if isinstance(example, dict) and "value" in example:
                self.check(example["value"], schema_at, (*example_at, "value"), cls)

    def response(self, path: DocPath, response: Any) -> None:
        if not isinstance(response, dict) or "$ref" in response:
            return
        for name in response.get("headers") or {}:
            self.holder((*path, "headers", name), response["headers"][name], OAS30ReadValidator)
        self.holder(path, {"content": response.get("content") or {}}, OAS30ReadValidator)

    def parameters(self, path: DocPath, parameters: Any) -> None:
        for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
            self.holder((*path, "parameters", str(index)), parameter, OAS30Validator)

    def operation(self, op: Operation) -> None:
        path = op.pointer
        # Path-item parameters come once per operation; `found` is a set, so they count once.
        self.parameters(path[:-1], op.item.get("parameters"))
        self.parameters(path, op.definition.get("parameters"))
        body = op.definition.get("requestBody")
        if isinstance(body, dict) and "$ref" not in body:
            content = {"content": body.get("content") or {}}
            self.holder((*path, "requestBody"), content, OAS30WriteValidator)
        for code, response in op.responses.items():
            self.response((*path, "responses", code), response)

    def components(self, components: dict[str, Any]) -> None:
        base = ("components",)
        for name, schema in (components.get("schemas") or {}).items():
            self.schema((*base, "schemas", name), schema)
        for name, parameter in (components.get("parameters") or {}).items():
            self.holder((*base, "parameters", name), parameter, OAS30Validator)
        for name, header in (components.get("headers") or {}).items():
            self.holder((*base, "headers", name), header, OAS30ReadValidator)
        for name, response in (components.get("responses") or {}).items():
            self.response((*base, "responses", name), response)
        for name, body in (components.get("requestBodies") or {}).items():
            content = {"content": (body or {}).get("content") or {}}
            self.holder((*base, "requestBodies", name), content, OAS30WriteValidator)


def check_examples(spec: SplitSpec) -> list[Finding]:
    """Examples are what readers copy and what the mock serves: a wrong one misleads both."""
    checker = _Checker(spec)
    for op in spec.contract.walk():
        checker.operation(op)
    checker.components(spec.document.get("components") or {})
    return sorted(checker.found)
