"""Token endpoint, token validation, OIDC discovery and the signing keys."""

from __future__ import annotations

import base64
import binascii

from connexion import request

from miso_mock import clock
from miso_mock.auth import ALGORITHM, TokenError
from miso_mock.context import current
from miso_mock.errors import MisoError, field_error
from miso_mock.handlers._common import Body, Result, spec_default
from miso_mock.middleware.rate_limit import limit_exceeded

GRANT = "client_credentials"


def _basic_credentials() -> tuple[str, str] | None:
    """Client credentials from an HTTP Basic header (RFC 6749 §2.3.1), if one was sent."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, sep, secret = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise MisoError(401, "Authentication failed: malformed Basic credentials") from exc
    return (client_id, secret) if sep else None


def _count_attempt(client_id: str) -> None:
    """Token requests count for the client they name as well as for their address (counted
    by the rate limiter), so guessing one client's secret from many addresses is limited too.
    The count is apart from the client's API allowance, which guessing must not use up; only
    registered clients have one, so made-up ids do not grow the table."""
    runtime = current()
    if client_id not in runtime.authority.clients:
        return
    now = clock.epoch()
    standing = runtime.rate_windows.hit(f"token:{client_id}", now)
    if standing.exceeded:
        raise limit_exceeded(standing, now)


async def issue_token(body: Body) -> Result:
    runtime = current()
    if body["grant_type"] != GRANT:
        raise field_error(
            400, "grant_type", f"Unsupported grant type {body['grant_type']!r}; use {GRANT}"
        )
    credentials = _basic_credentials()
    if credentials is None:
        credentials = (body.get("client_id", ""), body.get("client_secret", ""))
    _count_attempt(credentials[0])
    client = runtime.authority.authenticate(*credentials)
    if client is None:
        raise MisoError(401, "Authentication failed: unknown client or wrong secret")
    scope = body.get("scope") or spec_default("TokenRequest", "scope")
    return runtime.authority.issue(client, scope), 200


async def validate_token(body: Body) -> Result:
    try:
        claims = current().authority.verify(body["token"])
    except TokenError as exc:
        return {"valid": False, "error": str(exc)}, 200
    return {"valid": True, "claims": claims, "expires_at": clock.iso(claims["exp"])}, 200


async def get_open_id_configuration() -> Result:
    root = current().authority.issuer
    return {
        "issuer": root,
        "jwks_uri": f"{root}/.well-known/jwks.json",
        "token_endpoint": f"{root}/auth/token",
        "introspection_endpoint": f"{root}/auth/validate",
        "grant_types_supported": [GRANT],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "response_types_supported": ["token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
        "scopes_supported": ["api"],
        "claims_supported": [
            "iss",
            "sub",
            "aud",
            "exp",
            "iat",
            "scope",
            "permissions",
            "client_id",
        ],
    }, 200


async def get_jwks() -> Result:
    return current().authority.jwks(), 200
