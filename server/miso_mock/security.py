"""Bearer-token checks for Connexion: 401 for a token that does not verify, 403 for one that
lacks the permissions the operation names in `x-miso-permissions`.

Connexion checks no scopes for `http`/`bearer` schemes, so the permission check lives here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from connexion.lifecycle import ConnexionRequest
from connexion.middleware.abstract import ROUTING_CONTEXT
from connexion.security import BearerSecurityHandler

from miso_mock.auth import TokenError
from miso_mock.context import current
from miso_mock.errors import MisoError


def verify_bearer(token: str, request: ConnexionRequest) -> dict[str, Any]:
    """Token info for Connexion, or a 401/403 `MisoError`."""
    runtime = current()
    try:
        claims = runtime.authority.verify(token)
    except TokenError as exc:
        raise MisoError(401, f"Authentication failed: {exc}") from exc
    routing = request.scope.get("extensions", {}).get(ROUTING_CONTEXT, {})
    operation = runtime.routes.operation(routing.get("operation_id"))
    if operation is None:  # fail closed: never let an unknown operation through unchecked
        raise MisoError(500, f"Operation {routing.get('operation_id')!r} unknown to the contract")
    required = set(operation.permissions)
    missing = sorted(required - set(claims.get("permissions") or ()))
    if missing:
        raise MisoError(
            403,
            "Insufficient permissions",
            [{"field": "permissions", "message": f"the token lacks {', '.join(missing)}"}],
        )
    return claims


class MisoBearerHandler(BearerSecurityHandler):
    """Connexion's bearer handler, wired to `verify_bearer` instead of an `x-bearerInfoFunc`."""

    def _resolve_func(self, security_scheme: dict[str, Any]) -> Any:
        return verify_bearer

    @staticmethod
    @functools.cache
    def _accepts_kwarg(func: Callable[..., Any], keyword: str) -> bool:
        """Connexion's answer, remembered: it asks twice per request, via `inspect.signature`."""
        return BearerSecurityHandler._accepts_kwarg(func, keyword)
