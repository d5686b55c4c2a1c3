"""Connexion's request validation middleware, with the per-operation work done once.

For every request Connexion 3.3 builds two URI parsers, a parameter validator and a body
validator, looks the body definition up seven times and matches the media type against the
spec's with `fnmatch`: a fifth of a create's time, and none of it depends on the request beyond
its Content-Type. Here those objects are built once per operation (the body's per Content-Type
value) and reused; each is stateless between requests. What is validated, and how, is
Connexion's.
"""

from __future__ import annotations

import functools
from typing import Any

from connexion import utils
from connexion.middleware.request_validation import (
    RequestValidationAPI,
    RequestValidationMiddleware,
    RequestValidationOperation,
)
from connexion.operations import AbstractOperation
from starlette.types import Receive, Scope, Send

# The upstream code this patch replaces or leans on, with a fingerprint of its source:
# `tests/mock/test_patches.py` fails when an upgrade changes any of it.
RELIES_ON = {
    "connexion.middleware.request_validation:RequestValidationOperation": "f3752562bfeee28b",
    "connexion.middleware.request_validation:RequestValidationAPI.make_operation": (
        "55b32cb8b0ab229e"
    ),
    "connexion.middleware.main:ConnexionMiddleware.default_middlewares": "4fe76c5d4265be1f",
}

# Content-Type values come from clients: remember only this many per operation.
MAX_REMEMBERED = 32


class _Operation(RequestValidationOperation):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Content-Type header value -> its body validator (None: the body is not validated),
        # once Connexion has read the header and accepted its media type.
        self._body_validators: dict[bytes | None, Any] = {}

    @functools.cached_property
    def _parameter_validator(self) -> Any:
        operation = self._operation
        uri_parser = operation._uri_parser_class(operation.parameters, operation.body_definition())
        return self._validator_map["parameter"](
            operation.parameters,
            uri_parser=uri_parser,
            strict_validation=self.strict_validation,
            security_query_params=self.security_query_params,
        )

    def _body_validator(self, headers: list[tuple[bytes, bytes]]) -> Any:
        content_type = next(
            (value for name, value in headers if name.lower() == b"content-type"), None
        )
        if content_type in self._body_validators:
            return self._body_validators[content_type]
        mime_type, encoding = self.extract_content_type(headers)
        self.validate_mime_type(mime_type)  # raises when the spec does not accept it
        validator = self._new_body_validator(mime_type, encoding)
        if len(self._body_validators) < MAX_REMEMBERED:
            self._body_validators[content_type] = validator
        return validator

    def _new_body_validator(self, mime_type: str, encoding: str) -> Any:
        """Connexion's own choice of validator (None when the body is not validated)."""
        operation = self._operation
        schema = operation.body_schema(mime_type)
        if not schema:
            return None
        try:
            validator_class = self._validator_map["body"][mime_type]
        except KeyError:
            return None
        return validator_class(
            schema=schema,
            required=operation.request_body.get("required", False),
            nullable=utils.is_nullable(operation.body_definition(mime_type)),
            encoding=encoding,
            strict_validation=self.strict_validation,
            uri_parser=self._parameter_validator.uri_parser,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self._parameter_validator.validate(scope)
        validator = self._body_validator(scope["headers"])
        if validator is not None:
            receive, scope = await validator.wrap_receive(receive, scope=scope)
        await self.next_app(scope, receive, send)


class _API(RequestValidationAPI):
    def make_operation(self, operation: AbstractOperation) -> RequestValidationOperation:
        return _Operation(
            self.next_app,
            operation=operation,
            strict_validation=self.strict_validation,
            validator_map=self.validator_map,
        )


class CachingRequestValidationMiddleware(RequestValidationMiddleware):
    """Takes the place of `RequestValidationMiddleware` in Connexion's middleware list."""

    api_cls = _API
