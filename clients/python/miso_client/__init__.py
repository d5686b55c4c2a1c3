"""The Miso API's Python SDK: `MisoClient` and `AsyncMisoClient` over the generated client.

Calls return the generated models of `miso_api_client.models`; errors are raised as `APIError`
subclasses carrying the envelope's code, message, details and request_id.
"""

from . import models, webhooks
from ._async_client import AsyncMisoClient
from ._auth import ClientCredentials
from ._client import MisoClient
from ._errors import (
    APIError,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    InternalServerError,
    MethodNotAllowedError,
    MisoError,
    NotFoundError,
    RateLimitError,
    ServiceUnavailableError,
    ValidationError,
    WebhookSignatureError,
)
from ._options import RawResponse, RequestOptions
from ._pagination import apaginate, paginate
from ._retry import RetryPolicy
from ._streams import AsyncLogStream, LogStream
from .webhooks import parse_event, verify_signature

__all__ = [
    "APIError",
    "AsyncLogStream",
    "AsyncMisoClient",
    "AuthenticationError",
    "AuthorizationError",
    "ClientCredentials",
    "ConflictError",
    "InternalServerError",
    "LogStream",
    "MethodNotAllowedError",
    "MisoClient",
    "MisoError",
    "NotFoundError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "RetryPolicy",
    "ServiceUnavailableError",
    "ValidationError",
    "WebhookSignatureError",
    "apaginate",
    "models",
    "paginate",
    "parse_event",
    "verify_signature",
    "webhooks",
]
