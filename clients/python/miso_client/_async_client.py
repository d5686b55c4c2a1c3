"""`AsyncMisoClient`: `MisoClient`'s surface with every call awaitable."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Self

import httpx

from ._async_namespaces import (
    AsyncApplications,
    AsyncAuth,
    AsyncDeployments,
    AsyncEnvironments,
    AsyncMonitoring,
    AsyncUsers,
    AsyncWebhooks,
)
from ._auth import ClientCredentials
from ._behaviour import MAX_RETRIES, TIMEOUT
from ._http import api_client, debug_from_environment, user_agent
from ._retry import AsyncRetryTransport, RetryPolicy


class AsyncMisoClient:
    """An asyncio client for one Miso instance; same arguments as `MisoClient`.

    >>> async with AsyncMisoClient(base_url=..., client_id=..., client_secret=...) as client:
    ...     applications = await client.applications.list()
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
        transport: httpx.AsyncBaseTransport | None = None,
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
        wrapped = transport if transport is not None else httpx.AsyncHTTPTransport(verify=verify)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self.credentials,
            timeout=timeout,
            headers={"User-Agent": user_agent(), **(headers or {})},
            transport=AsyncRetryTransport(wrapped, self.retry_policy, user_agent()),
        )
        api = api_client(self.base_url, async_=self._http)
        self.api = api
        self.auth = AsyncAuth(api, self.credentials)
        self.applications = AsyncApplications(api)
        self.deployments = AsyncDeployments(api)
        self.environments = AsyncEnvironments(api)
        self.users = AsyncUsers(api)
        self.monitoring = AsyncMonitoring(api)
        self.webhooks = AsyncWebhooks(api)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
