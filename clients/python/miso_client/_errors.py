"""The API's error envelope as exceptions, one class per kind of failure a caller handles.

The class is chosen by the envelope's `code` (the contract's `ErrorCode`), and by the HTTP status
only when a response carries no envelope (a proxy's 502, say), so callers can `except
NotFoundError` without knowing which status a server picked.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

import httpx
from miso_api_client.models.error_code import ErrorCode
from miso_api_client.models.error_response import ErrorResponse
from miso_api_client.models.field_error import FieldError
from miso_api_client.models.rate_limit_details import RateLimitDetails
from miso_api_client.types import Unset

from ._retry import parse_retry_after

Details = list[FieldError] | RateLimitDetails | None


class MisoError(Exception):
    """Base of every error the SDK raises."""


class WebhookSignatureError(MisoError, ValueError):
    """A webhook delivery whose signature does not match its body and secret."""


class APIError(MisoError):
    """The server answered with an error: the envelope's fields, plus status and headers."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str,
        details: Details = None,
        request_id: str | None = None,
        timestamp: datetime.datetime | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = code
        self.details = details
        self.request_id = request_id
        self.timestamp = timestamp
        self.headers = httpx.Headers(headers or {})

    def __str__(self) -> str:
        where = f", request_id={self.request_id}" if self.request_id else ""
        return f"{self.status_code} {self.code}: {self.message}{where}"


class ValidationError(APIError):
    """400/413/415/422 `VALIDATION_ERROR`: `details` lists the offending fields."""


class AuthenticationError(APIError):
    """401 `AUTHENTICATION_ERROR`: missing or bad token, or wrong client credentials."""


class AuthorizationError(APIError):
    """403 `AUTHORIZATION_ERROR`: the token lacks a permission the operation needs."""


class NotFoundError(APIError):
    """404 `RESOURCE_NOT_FOUND`."""


class MethodNotAllowedError(APIError):
    """405 `METHOD_NOT_ALLOWED`."""


class ConflictError(APIError):
    """409 `RESOURCE_CONFLICT`, e.g. an application name that is taken."""


class InternalServerError(APIError):
    """500 `INTERNAL_ERROR`, or any 5xx without an envelope."""


class _RetryAfterError(APIError):
    """An error the server says to retry later: `retry_after` holds its `Retry-After` seconds."""

    @property
    def retry_after(self) -> float | None:
        return parse_retry_after(self.headers.get("Retry-After"))


class RateLimitError(_RetryAfterError):
    """429 `RATE_LIMIT_EXCEEDED`; `details` is the limit, remaining and reset time."""


class ServiceUnavailableError(_RetryAfterError):
    """503 `SERVICE_UNAVAILABLE`."""


BY_CODE: dict[ErrorCode, type[APIError]] = {
    ErrorCode.VALIDATION_ERROR: ValidationError,
    ErrorCode.AUTHENTICATION_ERROR: AuthenticationError,
    ErrorCode.AUTHORIZATION_ERROR: AuthorizationError,
    ErrorCode.RESOURCE_NOT_FOUND: NotFoundError,
    ErrorCode.METHOD_NOT_ALLOWED: MethodNotAllowedError,
    ErrorCode.RESOURCE_CONFLICT: ConflictError,
    ErrorCode.RATE_LIMIT_EXCEEDED: RateLimitError,
    ErrorCode.SERVICE_UNAVAILABLE: ServiceUnavailableError,
    ErrorCode.INTERNAL_ERROR: InternalServerError,
}

# Only for answers without an envelope; the contract states the same table in `x-status-codes`.
BY_STATUS: dict[int, type[APIError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
    413: ValidationError,
    415: ValidationError,
    422: ValidationError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def _error_class(status_code: int, code: str | None) -> type[APIError]:
    if code in set(ErrorCode):
        return BY_CODE[ErrorCode(code)]
    if status_code in BY_STATUS:
        return BY_STATUS[status_code]
    return InternalServerError if status_code >= 500 else APIError


def _envelope(content: bytes) -> dict[str, Any] | None:
    try:
        body = json.loads(content)
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else None


def error_from_response(status_code: int, headers: Mapping[str, str], content: bytes) -> APIError:
    """The exception for an error answer, read from its envelope when it has one."""
    raw = _envelope(content)
    if raw is None:
        text = content.decode("utf-8", "replace").strip()[:500]
        reason = httpx.codes.get_reason_phrase(status_code) or "Error"
        return _error_class(status_code, None)(
            text or reason,
            status_code=status_code,
            code="UNKNOWN",
            request_id=headers.get("X-Request-ID"),
            headers=headers,
        )
    try:
        parsed = ErrorResponse.from_dict({"error": raw}).error
    except (KeyError, TypeError, ValueError):
        parsed = None
    if parsed is None:  # an envelope that does not follow the contract: keep what is there
        code = str(raw.get("code", "UNKNOWN"))
        return _error_class(status_code, code)(
            str(raw.get("message", "")),
            status_code=status_code,
            code=code,
            request_id=raw.get("request_id") or headers.get("X-Request-ID"),
            headers=headers,
        )
    details = None if isinstance(parsed.details, Unset) else parsed.details
    return _error_class(status_code, parsed.code)(
        parsed.message,
        status_code=status_code,
        code=str(parsed.code),
        details=details,
        request_id=parsed.request_id,
        timestamp=parsed.timestamp,
        headers=headers,
    )
