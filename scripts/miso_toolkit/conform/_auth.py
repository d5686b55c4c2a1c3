"""Access tokens for the run, from the instance's own `POST /auth/token`, renewed before expiry.

Schemathesis 4's built-in OAuth2 support joins the token path to the base URL's path, which
is wrong for Miso (the token endpoint sits at the root, next to `/api/v1`). So tokens come
from a small `@schemathesis.auth()`-style provider registered on the loaded schema instead.
Nothing here logs or formats a token or a secret; the redactor learns each one it sees.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._http import Client
from ._redact import Redactor

TOKEN_PATH = "/auth/token"
# Renew this long before the token expires, or at half its lifetime if that is sooner: JWT
# times are whole seconds, so a short-lived token may die up to a second early.
REFRESH_MARGIN_SECONDS = 60.0
DEFAULT_EXPIRES_IN = 300.0


class AuthError(Exception):
    """The instance refused the credentials or its token endpoint misbehaved."""


@dataclass(frozen=True)
class Credentials:
    client_id: str
    client_secret: str = field(repr=False)


class TokenSource:
    """The current access token: a fixed one given on the command line, or one from the
    token endpoint that is fetched again shortly before it expires."""

    def __init__(
        self,
        client: Client,
        redact: Redactor,
        *,
        credentials: Credentials | None = None,
        token: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if (credentials is None) == (token is None):
            raise ValueError("give either client credentials or a token")
        self._client = client
        self._redact = redact
        self._credentials = credentials
        self._clock = clock
        self._lock = threading.Lock()
        self._token = token
        self._renew_at = float("inf") if token else 0.0
        self.fetched = 0
        if credentials:
            redact.add(credentials.client_secret)
        redact.add(token)

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._renew_at:
                self._fetch()
            assert self._token is not None
            return self._token

    def _fetch(self) -> None:
        assert self._credentials is not None
        body = {
            "client_id": self._credentials.client_id,
            "client_secret": self._credentials.client_secret,
            "grant_type": "client_credentials",
            "scope": "api",
        }
        started = self._clock()
        reply = self._client.request("POST", TOKEN_PATH, json_body=body)
        if reply.status != 200:
            raise AuthError(
                f"POST {TOKEN_PATH} answered {reply.status}: {self._redact(_error_message(reply))}"
            )
        try:
            data = reply.json()
            token = str(data["access_token"])
            expires_in = float(data.get("expires_in") or DEFAULT_EXPIRES_IN)
        except (ValueError, KeyError, TypeError) as exc:
            raise AuthError(f"POST {TOKEN_PATH} answered 200 without an access token") from exc
        self._redact.add(token)
        margin = min(REFRESH_MARGIN_SECONDS, expires_in / 2)
        self._token = token
        self._renew_at = started + expires_in - margin
        self.fetched += 1


def _error_message(reply: Any) -> str:
    try:
        return str(reply.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return "no error message"


def install(schema: Any, source: TokenSource) -> None:
    """Make every generated request carry the source's current token as a Bearer credential.

    Schemathesis still strips it where a check needs a request without (valid) credentials,
    e.g. `ignored_auth`. Caching is the source's own, so Schemathesis's is switched off.
    """

    class MisoTokenAuth:
        def get(self, case: Any, context: Any) -> str:
            return source.token()

        def set(self, case: Any, data: str, context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    schema.auth(refresh_interval=None)(MisoTokenAuth)
