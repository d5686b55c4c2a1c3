"""Client-credentials auth: the one place that fetches, caches and refreshes the access token.

It is an `httpx.Auth`, so the token request goes through the same client (proxies, TLS, retries)
as the calls it authorises, and the sync and async clients share the same logic. The token is
fetched on first use, refreshed `refresh_margin` seconds before it expires, and fetched again
once if the server still answers 401 (it may have been revoked or the clocks disagree).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator

import httpx
from miso_api_client.api.auth import issue_token
from miso_api_client.models.token_request import TokenRequest
from miso_api_client.models.token_response import TokenResponse

from ._errors import error_from_response
from ._retry import IDEMPOTENT

Flow = Generator[httpx.Request, httpx.Response, None]


class ClientCredentials(httpx.Auth):
    """An OAuth 2 client-credentials token provider for the Miso token endpoint."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        scope: str = "api",
        refresh_margin: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.scope = scope
        self.refresh_margin = refresh_margin
        self.clock = clock
        self._client_secret = client_secret
        self._lock = threading.Lock()  # guards the cached token
        self._fetching = threading.Lock()  # one token request in flight (sync clients)
        self._async_fetching = asyncio.Lock()  # the same for async clients
        self._token: str | None = None
        self._refresh_at = 0.0
        self.fetches = 0

    @property
    def token(self) -> str | None:
        """The cached access token while it is still fresh, else None."""
        with self._lock:
            if self._token is not None and self.clock() < self._refresh_at:
                return self._token
            return None

    def invalidate(self, token: str | None = None) -> None:
        """Forget the cached token (only if it is still `token`, when given)."""
        with self._lock:
            if token is None or token == self._token:
                self._token = None

    def build_token_request(self) -> httpx.Request:
        """The `issueToken` call, with the reference's JSON body."""
        body = TokenRequest(
            client_id=self.client_id,
            client_secret=self._client_secret,
            grant_type="client_credentials",
            scope=self.scope,
        )
        # The generated code would send the form encoding; only its method and path are used.
        operation = issue_token._get_kwargs(body=body)
        return httpx.Request(
            operation["method"].upper(),
            f"{self.base_url}{operation['url']}",
            json=body.to_dict(),
            headers={"Accept": "application/json"},
            extensions={IDEMPOTENT: True},  # issuing a token creates nothing: safe to repeat
        )

    def accept(self, response: httpx.Response) -> str:
        """Cache the token from a read token response, or raise the error it carries."""
        if response.status_code != 200:
            raise error_from_response(response.status_code, response.headers, response.content)
        issued = TokenResponse.from_dict(response.json())
        # Refresh `refresh_margin` early, but never in the first half of a short-lived token.
        lifetime = max(issued.expires_in - self.refresh_margin, issued.expires_in / 2)
        with self._lock:
            self._token = issued.access_token
            self._refresh_at = self.clock() + lifetime
            self.fetches += 1
        return issued.access_token

    def _authorize(self, request: httpx.Request, token: str) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {token}"
        return request

    # The flows: one token fetch at a time (concurrent first calls wait for it rather than each
    # fetching their own), then the request; on 401, one more fetch and one more try. Only token
    # responses are read here: the caller's may be a stream (followed logs).

    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        token = self.token
        if token is None:
            with self._fetching:
                token = self.token
                if token is None:
                    response = yield self.build_token_request()
                    response.read()
                    token = self.accept(response)
        response = yield self._authorize(request, token)
        if response.status_code != 401:
            return
        self.invalidate(token)
        with self._fetching:
            token = self.token
            if token is None:
                response = yield self.build_token_request()
                response.read()
                token = self.accept(response)
        yield self._authorize(request, token)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = self.token
        if token is None:
            async with self._async_fetching:
                token = self.token
                if token is None:
                    response = yield self.build_token_request()
                    await response.aread()
                    token = self.accept(response)
        response = yield self._authorize(request, token)
        if response.status_code != 401:
            return
        self.invalidate(token)
        async with self._async_fetching:
            token = self.token
            if token is None:
                response = yield self.build_token_request()
                await response.aread()
                token = self.accept(response)
        yield self._authorize(request, token)
