"""`MisoClient`: the synchronous SDK entry point, one attribute per API area."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Self

import httpx

from ._auth import ClientCredentials
from ._http import api_client, user_agent
from ._namespaces import Applications, Auth, Deployments, Environments, Monitoring, Users, Webhooks
from ._retry import RetryPolicy, RetryTransport


class MisoClient:
    """A client for one Miso instance, authenticated with OAuth 2 client credentials.

    >>> client = MisoClient(base_url="https://your-miso-instance.com",
    ...                     client_id="your-client-id", client_secret="your-client-secret")
    >>> applications = client.applications.list()

    `max_retries` > 0 repeats 429 and 503 answers, waiting as `Retry-After` says. `transport`
    replaces httpx's default transport (for proxies or tests).
    """

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        scope: str = "api",
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 0,
        token_refresh_margin: float = 60.0,
        verify: bool | str = True,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
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
            transport=RetryTransport(wrapped, self.retry_policy),
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
