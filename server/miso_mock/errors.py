"""The reference's error envelope, and the exception handlers that put every error into it.

Connexion's own errors (validation, routing, security) default to problem+json; the handlers
registered here turn them, and anything unexpected, into `{"error": {...}}` with a code taken
from the spec's status-to-code table and the request's id.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import miso_contract
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from miso_mock import clock
from miso_mock.context import request_id

logger = logging.getLogger("miso_mock")

Details = list[dict[str, str]] | dict[str, Any] | None


class MisoError(Exception):
    """An error the API reports to the client; its code follows from the status."""

    def __init__(
        self,
        status: int,
        message: str,
        details: Details = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.status_code = status  # what Connexion's security layer ranks errors by
        self.message = message
        self.details = details
        self.headers = headers or {}


def not_found(kind: str, resource_id: str) -> MisoError:
    return MisoError(404, f"{kind} {resource_id} not found")


def field_error(status: int, field: str, message: str) -> MisoError:
    return MisoError(status, message, [{"field": field, "message": message}])


def envelope(status: int, message: str, details: Details = None) -> dict[str, Any]:
    """The body of an error response for the current request."""
    error: dict[str, Any] = {
        "code": miso_contract.bundle().error_code(status),
        "message": message,
        "timestamp": clock.iso(),
        "request_id": request_id.get(),
    }
    if details:
        error["details"] = details
    return {"error": error}


def envelope_bytes(status: int, message: str, details: Details = None) -> bytes:
    return json.dumps(envelope(status, message, details)).encode()


def response(
    status: int, message: str, details: Details = None, headers: dict[str, str] | None = None
) -> ConnexionResponse:
    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        content_type="application/json",
        body=envelope_bytes(status, message, details),
        headers=headers or {},
    )


_PATH_SUFFIX = re.compile(r"^(?P<message>.*?)(?: - '(?P<path>[^']*)')?$", re.DOTALL)
# jsonschema messages that name the property they are about.
_NAMED_PROPERTY = re.compile(
    r"^'(?P<name>[^']+)' is a required property$"
    r"|^Additional properties are not allowed \('(?P<extra>[^']+)' was unexpected\)$"
)


def _details_from_problem(detail: str) -> Details:
    """Connexion says "<message> - '<dotted.path>'" about a body; turn that into the
    reference's details, naming the property itself where the message does."""
    match = _PATH_SUFFIX.match(detail.strip())
    message = match.group("message") if match else detail
    path = match.group("path") if match and match.group("path") else ""
    named = _NAMED_PROPERTY.match(message)
    name = (named.group("name") or named.group("extra")) if named else ""
    field = ".".join(part for part in (path, name) if part) or "body"
    return [{"field": field, "message": message}]


def handle_miso_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, MisoError)
    return response(exc.status, exc.message, exc.details, exc.headers)


def handle_problem(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)
    status = exc.status or 500
    detail = str(exc.detail or exc.title or "")
    if status == 401:
        return response(
            401, f"Authentication failed: {detail}" if detail else "Authentication failed"
        )
    if status == 403:
        return response(403, "Insufficient permissions")
    if status >= 500:
        logger.error("server error %s: %s", status, detail)
        return response(status, detail or "Internal server error")
    details = _details_from_problem(detail) if status in (400, 422) and detail else None
    return response(status, detail or "Invalid request", details, dict(exc.headers or {}))


def handle_http_exception(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    messages = {404: "Resource not found", 405: "Method not allowed"}
    message = messages.get(status, str(exc.detail or "Request failed"))
    return response(status, message, headers=dict(exc.headers or {}))


def handle_unexpected(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    logger.exception("unhandled error", exc_info=exc)
    return response(500, "Internal server error")
