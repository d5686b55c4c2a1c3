"""`MisoClient`: the synchronous SDK entry point, one attribute per API area."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Self

import httpx

from ._auth import ClientCredentials
from ._behaviour import MAX_RETRIES, TIMEOUT
from ._http import api_client, debug_from_environment, user_agent
from ._namespaces import Applications, Auth, Deployments, Environments, Monitoring, Users, Webhooks
from ._retry import RetryPolicy, RetryTransport


class MisoClient:
    """A client for one Miso instance, authenticated with OAuth 2 client credentials.

    >>> client = MisoClient(base_url="https://your-miso-instance.com",
    ...                     client_id="your-client-id", client_secret="your-client-secret")
    >>> applications = client.applications.list()

    Requests are retried (`max_retries`, 2 by default) on connection failures, 408, 429 and 5xx as
    `clients/sdk-behaviour.json` describes, waiting as `Retry-After` says or with jittered
    backoff; a POST only when its connection was never made. `timeout` is per request.
    `MISO_LOG=debug` logs requests and answers (tokens redacted) on stderr. `transport`
    replaces httpx's default transport (for proxies or tests). For one call's own headers,
    timeout or retries, use a namespace's `with_options(...)`; for the HTTP answer,
    `with_raw_response`.
    """

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        scope: str = "api",
        timeout: float | httpx.Timeout = TIMEOUT,
        max_retries: int = MAX_RETRIES,
        token_refresh_margin: float = 60.0,
        verify: bool | str = True,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        debug_from_environment()
        self.base_url = base_url.rstrip("/")
        self.credentials = ClientCredentials(
            self.base_url,
            client_id,
            client_secret,
            scope=scope,
            refresh_margin=token_refresh_margin,
        )
        self.retry_policy = RetryPolicy(max_retries=max_retries)
        wrapped = transport if transport is not None else httpx.HTTPTransport(verify=verify)
        self._http = httpx.Client(
            base_url=self.base_url,
            auth=self.credentials,
            timeout=timeout,
            headers={"User-Agent": user_agent(), **(headers or {})},
            transport=RetryTransport(wrapped, self.retry_policy, user_agent()),
        )
        api = api_client(self.base_url, sync=self._http)
        self.api = api
        self.auth = Auth(api, self.credentials)
        self.applications = Applications(api)
        self.deployments = Deployments(api)
        self.environments = Environments(api)
        self.users = Users(api)
        self.monitoring = Monitoring(api)
        self.webhooks = Webhooks(api)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
