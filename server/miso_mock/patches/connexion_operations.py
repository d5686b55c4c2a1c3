"""Connexion's AsyncApp, with each handler decorated once instead of on every request.

Connexion 3.3 rebuilds a handler's decorator chain per request (`AsyncOperation.fn` makes a new
decorator, whose wrapper calls `decorate` again, which runs `inspect.signature` on the handler):
a tenth of a request's time under load. The chain reads the request and the operation from
Connexion's context variables when it runs, never when it is built, so one chain per operation
serves every request. Only construction changes; routing, validation and security do not.
The chain is handed a request that reuses the body guard's parse of a JSON body.
"""

from __future__ import annotations

import functools
from typing import Any

from connexion import AsyncApp
from connexion.apps.asynchronous import AsyncApi, AsyncASGIApp, AsyncOperation
from connexion.context import receive, scope
from connexion.decorators import StarletteDecorator
from connexion.decorators.parameter import AsyncParameterDecorator
from connexion.http_facts import FORM_CONTENT_TYPES
from connexion.lifecycle import ConnexionRequest
from connexion.operations import AbstractOperation
from connexion.utils import is_json_mimetype

from miso_mock import parsed_body

# The upstream code this patch replaces or leans on, with a fingerprint of its source:
# `tests/mock/test_patches.py` fails when an upgrade changes any of it.
RELIES_ON = {
    "connexion.apps.asynchronous:AsyncOperation.fn": "9cad70e32840c9ec",
    "connexion.apps.asynchronous:AsyncApi.make_operation": "555eaf3ca12397b1",
    "connexion.apps.asynchronous:AsyncASGIApp": "6f4dd967cd072817",
    "connexion.apps.asynchronous:AsyncApp.__init__": "624f5070177b0d80",
    "connexion.decorators.main:ASGIDecorator": "4ee93a1e035825f2",
    "connexion.decorators.main:BaseDecorator.decorate": "ecc6529a18274fda",
    "connexion.decorators.parameter:AsyncParameterDecorator": "79513a75ad0d4ccc",
    "connexion.lifecycle:ConnexionRequest.json": "f828d7e48f970ae7",
    "connexion.lifecycle:ConnexionRequest.files": "59e5f5dcf1d86e00",
}


class _Request(ConnexionRequest):
    """Connexion's request, reading a JSON body the body guard has already parsed
    (`miso_mock.parsed_body`) instead of parsing it once more."""

    async def json(self) -> Any:
        found, value = parsed_body.kept(self.scope)
        if found and is_json_mimetype(self.content_type):
            return value
        return await super().json()

    async def files(self) -> Any:
        if self.mimetype not in FORM_CONTENT_TYPES:  # any other body has no files
            return {}
        return await super().files()


class _ParameterDecorator(AsyncParameterDecorator):
    """Connexion's, remembering how it spells each argument name (a regex pass per name and
    request otherwise). Names are the operation's own: strict validation refuses others."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sanitize_fn = functools.lru_cache(maxsize=256)(self.sanitize_fn)


class _DecorateOnce(StarletteDecorator):
    @property
    def _parameter_decorator_cls(self) -> type[AsyncParameterDecorator]:
        return _ParameterDecorator

    @functools.cached_property
    def _uri_parser(self) -> Any:
        """Connexion's URI parser for this operation: built at its first request (it reads the
        operation from the request context), stateless after."""
        return self.uri_parser

    def __call__(self, function: Any) -> Any:
        decorated = self.decorate(function)

        @functools.wraps(function)
        async def wrapper(*_args: Any, **_kwargs: Any) -> Any:
            return await decorated(_Request(scope, receive, uri_parser=self._uri_parser))

        return wrapper


class _Operation(AsyncOperation):
    @functools.cached_property
    def fn(self) -> Any:  # type: ignore[override]
        decorator = _DecorateOnce(pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)
        return decorator(self._fn)


class _Api(AsyncApi):
    def make_operation(self, operation: AbstractOperation) -> AsyncOperation:
        return _Operation.from_operation(
            operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier
        )


class _ASGIApp(AsyncASGIApp):
    api_cls = _Api


class MisoAsyncApp(AsyncApp):
    def __init__(self, import_name: str, **kwargs: Any) -> None:
        super().__init__(import_name, **kwargs)
        # The inner app is only used once the middleware stack is built, at the first request.
        self._middleware_app = _ASGIApp()
        self.middleware.app = self._middleware_app
