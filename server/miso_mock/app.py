"""Builds the mock: Connexion serves the spec (routing, validation, security); small middlewares
around it add what Connexion lacks; handlers hold the behaviour."""

from __future__ import annotations

import contextlib
import copy
import gc
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

from connexion.exceptions import ProblemException
from connexion.middleware import ConnexionMiddleware, MiddlewarePosition
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp

from miso_mock import errors, validators
from miso_mock.middleware.admin import AdminMiddleware
from miso_mock.middleware.body_guard import BodyGuardMiddleware
from miso_mock.middleware.chaos import ChaosMiddleware
from miso_mock.middleware.cors import ApiCorsMiddleware
from miso_mock.middleware.header_limit import HeaderLimitMiddleware
from miso_mock.middleware.method_guard import MethodGuardMiddleware
from miso_mock.middleware.metrics import MetricsMiddleware
from miso_mock.middleware.prefer import PreferMiddleware
from miso_mock.middleware.rate_limit import RateLimitMiddleware
from miso_mock.middleware.request_context import (
    RequestContextMiddleware,
    StandardHeadersMiddleware,
)
from miso_mock.middleware.self_delivery import SelfDeliveryGuardMiddleware
from miso_mock.middleware.store_guard import StoreGuardMiddleware
from miso_mock.options import MockOptions
from miso_mock.patches import CachingRequestValidationMiddleware, MisoAsyncApp
from miso_mock.resolver import HandlerResolver
from miso_mock.runtime import Runtime
from miso_mock.sdk_downloads import SdkDownloadsMiddleware
from miso_mock.security import SECURITY_MAP
from miso_mock.swagger_ui import SwaggerUIFrontMiddleware

OPTIONS_ENV = "MISO_MOCK_OPTIONS"

# Connexion's own middleware stack, with two of them doing less work per request.
_REPLACED = {
    SwaggerUIMiddleware: SwaggerUIFrontMiddleware,
    RequestValidationMiddleware: CachingRequestValidationMiddleware,
}
CONNEXION_MIDDLEWARES = [
    _REPLACED.get(middleware, middleware) for middleware in ConnexionMiddleware.default_middlewares
]


def _connexion_app(runtime: Runtime) -> MisoAsyncApp:
    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        runtime.resume()
        # Everything built so far (the spec, Connexion's routes and validators) lives as long
        # as the process: keep it out of the cyclic collector, whose full passes would
        # otherwise walk it again and again while requests wait.
        gc.freeze()
        yield
        await runtime.close()

    app = MisoAsyncApp(
        __name__,
        lifespan=lifespan,
        middlewares=CONNEXION_MIDDLEWARES,
        security_map=SECURITY_MAP,
        strict_validation=True,
        validate_responses=runtime.options.validate_responses,
        validator_map=validators.MAP,
        swagger_ui_options=SwaggerUIOptions(
            spec_path="/api/v1/openapi.json", swagger_ui_path="/api/docs"
        ),
    )
    app.add_api(
        copy.deepcopy(runtime.contract.document),
        resolver=HandlerResolver(runtime.routes),
    )
    app.add_middleware(StandardHeadersMiddleware, position=MiddlewarePosition.BEFORE_CONTEXT)
    app.add_middleware(PreferMiddleware, position=MiddlewarePosition.BEFORE_CONTEXT)
    app.add_error_handler(errors.MisoError, errors.handle_miso_error)
    app.add_error_handler(ProblemException, errors.handle_problem)
    app.add_error_handler(HTTPException, errors.handle_http_exception)
    app.add_error_handler(Exception, errors.handle_unexpected)
    return app


Layer = Callable[[ASGIApp], ASGIApp]


def middleware_stack(runtime: Runtime) -> list[Layer]:
    """The layers around Connexion, outermost first: a request passes them top to bottom."""
    options = runtime.options
    layers: list[Layer | None] = [
        lambda app: RequestContextMiddleware(app, runtime),  # request id, clock, the runtime
        HeaderLimitMiddleware,  # 431 before anything keeps a byte of an oversized head
        lambda app: SelfDeliveryGuardMiddleware(app, runtime.webhooks.origin_marker),
        StoreGuardMiddleware,  # a shared store that does not answer: 503, Retry-After
        lambda app: MetricsMiddleware(app, runtime),  # counts every answer, refusals included
        _cors(runtime) if options.cors_origins else None,  # preflights before any limit
        lambda app: RateLimitMiddleware(app, runtime),
        lambda app: ChaosMiddleware(app, options.latency_ms, options.error_rate, runtime.random),
        lambda app: AdminMiddleware(app, runtime),  # /_mock/*: outside the API
        SdkDownloadsMiddleware,  # /api/sdk/*: the SDK packages the docs page offers
        lambda app: MethodGuardMiddleware(app, runtime.routes),  # 404/405 before Connexion
        BodyGuardMiddleware,  # bodies Connexion would answer 500 to
    ]
    return [layer for layer in layers if layer is not None]


def _cors(runtime: Runtime) -> Layer:
    # The methods the spec's operations use (and preflight's OPTIONS), and the response headers
    # it defines, so browsers may send the one and read the other.
    methods = sorted({op.method for op in runtime.contract.operations} | {"OPTIONS"})
    expose = list(runtime.contract.component("headers"))
    return lambda app: ApiCorsMiddleware(app, runtime.options.cors_origins, methods, expose)


def create_app(options: MockOptions | None = None) -> ASGIApp:
    """The whole mock as one ASGI app: Connexion inside the layers of `middleware_stack`."""
    runtime = Runtime(options or MockOptions())
    app: ASGIApp = _connexion_app(runtime)
    for layer in reversed(middleware_stack(runtime)):
        app = layer(app)
    return app


def app_from_environment() -> ASGIApp:
    """Factory for `uvicorn --factory` (used by `--reload`): options come from the environment."""
    text = os.environ.get(OPTIONS_ENV)
    return create_app(MockOptions.from_json(text) if text else MockOptions())
