"""Connexion's request, parameter and response validators, with JSON Schema's `pattern`.

Each is Connexion's own class with one change: the jsonschema validator it builds checks
`pattern` as an ECMA-262 expression (`miso_mock.patterns`), as JSON Schema defines it.
"""

from __future__ import annotations

import codecs
from collections.abc import AsyncGenerator, Callable
from typing import Any
from urllib.parse import parse_qsl

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from connexion.utils import is_null, is_nullable
from connexion.validators import (
    VALIDATOR_MAP,
    FormDataValidator,
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    MultiPartFormDataValidator,
    ParameterValidator,
)
from jsonschema import Draft4Validator, ValidationError
from jsonschema.validators import extend
from starlette.types import Scope

from miso_mock import parsed_body
from miso_mock.compiled_schemas import Check, compile_check
from miso_mock.errors import MisoError
from miso_mock.patterns import ecma_pattern

_PATTERN = {"pattern": ecma_pattern}
RequestSchemaValidator = extend(Draft4RequestValidator, _PATTERN)
ResponseSchemaValidator = extend(Draft4ResponseValidator, _PATTERN)
ParameterSchemaValidator = extend(Draft4Validator, _PATTERN)
FORMATS = Draft4Validator.FORMAT_CHECKER
MAX_BUILT = 1024  # schema validators kept at once; the spec has a few hundred schemas

_built: dict[tuple[Any, int], tuple[Any, Any]] = {}


def _once(kind: Any, schema: Any, build: Callable[[], Any]) -> Any:
    """`build()` for this schema object and kind, made once and reused across requests.

    The spec's schemas stay the same objects while the mock runs, and an entry holds its
    schema, so no other object can take its id.
    """
    key = (kind, id(schema))
    entry = _built.get(key)
    if entry is None or entry[0] is not schema:
        if len(_built) >= MAX_BUILT:
            _built.clear()
        entry = (schema, build())
        _built[key] = entry
    return entry[1]


def built(validator_class: Any, schema: Any) -> Any:
    """One jsonschema validator per schema object: Connexion builds a fresh one for every
    parameter and body of every request, and building costs more than validating."""
    return _once(validator_class, schema, lambda: validator_class(schema, format_checker=FORMATS))


def compiled_check(schema: Any) -> Check | None:
    """The compiled check of a body schema (`miso_mock.compiled_schemas`), built once."""
    check: Check | None = _once(compile_check, schema, lambda: compile_check(schema, FORMATS))
    return check


def _is_utf8(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


class JSONBodyValidator(JSONRequestBodyValidator):
    @property
    def _validator(self) -> Any:
        return built(RequestSchemaValidator, self._schema)

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        """The body guard's parse when the body is read as UTF-8 (the stream is then left
        unread, so the body reaches the handler as it came)."""
        found, value = parsed_body.kept(scope)
        if found and _is_utf8(self._encoding):
            return value
        return await super()._parse(stream, scope)

    def _validate(self, body: Any) -> dict[str, Any] | None:
        """A body the compiled check accepts is valid; any other goes through Connexion's own
        validation, which words the error."""
        if body is not None:
            check = compiled_check(self._schema)
            if check is not None and check(body):
                return None
        result: dict[str, Any] | None = super()._validate(body)
        return result


class FormBodyValidator(FormDataValidator):
    @property
    def _validator(self) -> Any:
        return built(RequestSchemaValidator, self._schema)


class MultiPartBodyValidator(MultiPartFormDataValidator):
    @property
    def _validator(self) -> Any:
        return built(RequestSchemaValidator, self._schema)


class JSONResponseValidator(JSONResponseBodyValidator):
    @property
    def validator(self) -> Any:
        return built(ResponseSchemaValidator, self._schema)


class ParametersValidator(ParameterValidator):
    """Also reports every offending parameter by name, as the envelope's `details` want
    (Connexion stops at the first and says it as a jsonschema dump without the name)."""

    @staticmethod
    def validate_parameter(
        parameter_type: str, value: Any, param: dict[str, Any], param_name: str | None = None
    ) -> str | None:
        """Connexion's own, with the schema validator above and a one-line message."""
        if is_nullable(param) and is_null(value):
            return None
        if value is not None:
            schema = param.get("schema", param)  # jsonschema never changes the schema
            try:
                built(ParameterSchemaValidator, schema).validate(value)
            except ValidationError as exception:
                return str(exception.message)
        elif param.get("required"):
            return f"missing required {parameter_type} parameter"
        return None

    def validate_request(self, request: Any) -> None:
        problems: list[dict[str, str]] = []
        if self.strict_validation:
            extra = self.validate_query_parameter_list(
                request, security_params=self.security_query_params
            )
            problems += [
                {"field": name, "message": "not a query parameter of this operation"}
                for name in sorted(extra)
            ]
        # Connexion drops `?role=` before validation, so an empty value would slip past the
        # schema; OpenAPI allows one only where a parameter says `allowEmptyValue`.
        raw = request.scope.get("query_string", b"").decode("latin-1")
        empty = {name for name, value in parse_qsl(raw, keep_blank_values=True) if value == ""}
        for param in self.parameters.get("query", []):
            if param["name"] in empty and not param.get("allowEmptyValue"):
                problems.append({"field": param["name"], "message": "must not be empty"})
        checks = {
            "query": self.validate_query_parameter,
            "path": self.validate_path_parameter,
            "header": self.validate_header_parameter,
            "cookie": self.validate_cookie_parameter,
        }
        for location, check in checks.items():
            for param in self.parameters.get(location, []):
                message = check(param, request)
                if message:
                    problems.append({"field": param["name"], "message": message})
        if problems:
            fields = ", ".join(problem["field"] for problem in problems)
            raise MisoError(400, f"Invalid request parameters: {fields}", problems)


MAP: dict[str, Any] = {
    **VALIDATOR_MAP,
    "parameter": ParametersValidator,
    "body": MediaTypeDict(
        {
            "*/*json": JSONBodyValidator,
            "application/x-www-form-urlencoded": FormBodyValidator,
            "multipart/form-data": MultiPartBodyValidator,
        }
    ),
    "response": MediaTypeDict(
        {
            **VALIDATOR_MAP["response"],
            "*/*json": JSONResponseValidator,
        }
    ),
}
