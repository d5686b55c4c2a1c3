"""`AsyncMisoClient`: the sync surface, awaited (run with `asyncio.run`; no pytest plugin)."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from miso_client import (
    AsyncLogStream,
    AsyncMisoClient,
    AuthorizationError,
    MisoClient,
    NotFoundError,
    apaginate,
)
from miso_client import models as m

from tests.support.servers import DEV_CLIENT, VIEWER_CLIENT

NAMESPACES = (
    "auth",
    "applications",
    "deployments",
    "environments",
    "users",
    "monitoring",
    "webhooks",
)


def public_methods(namespace: object) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(getattr(namespace, name))
        for name in dir(namespace)
        if not name.startswith("_") and callable(getattr(namespace, name))
    }


def test_the_async_surface_is_the_sync_surface() -> None:
    sync = MisoClient("http://127.0.0.1:9", *DEV_CLIENT)
    async_ = AsyncMisoClient("http://127.0.0.1:9", *DEV_CLIENT)
    for name in NAMESPACES:
        sync_methods = public_methods(getattr(sync, name))
        async_methods = public_methods(getattr(async_, name))
        assert sync_methods.keys() == async_methods.keys(), name
        for method, signature in sync_methods.items():
            assert list(signature.parameters) == list(async_methods[method].parameters), method
            twin = getattr(getattr(async_, name), method)
            if method == "with_options":  # builds a view; nothing to await
                continue
            awaitable = inspect.iscoroutinefunction(twin) or inspect.isasyncgenfunction(twin)
            assert awaitable, method
    sync.close()
    asyncio.run(async_.aclose())


def test_every_namespace(base_url: str) -> None:
    async def scenario() -> None:
        async with AsyncMisoClient(base_url, *DEV_CLIENT) as client:
            applications = await client.applications.list(status="active")
            assert isinstance(applications, m.ApplicationList)
            app = await client.applications.create(
                {
                    "name": "async-app",
                    "environment": "production",
                    "configuration": {"image": "a:1"},
                }
            )
            assert (await client.applications.get(app.id)).name == "async-app"
            assert (await client.applications.update(app.id, {"description": "d"})).description
            assert (await client.applications.configuration(app.id)).image == "a:1"
            await client.applications.update_configuration(app.id, {"image": "a:2"})
            grants = {"grants": [{"user_id": "user-456", "role": "owner"}]}
            assert (await client.applications.update_access(app.id, grants)).grants
            assert isinstance(await client.applications.access(app.id), m.ApplicationAccess)
            assert isinstance(await client.applications.health(app.id), m.ApplicationHealth)
            assert isinstance(await client.applications.logs(app.id, lines=5), m.LogList)

            deployment = await client.deployments.create(app.id, {"image": "a:2"})
            assert (await client.deployments.get(deployment.id)).id == deployment.id
            assert (await client.deployments.list(app.id)).data
            assert isinstance(await client.deployments.logs(deployment.id), m.LogList)

            assert (await client.environments.get("env-dev")).name == "Development"
            assert (await client.environments.list()).data
            assert (await client.users.me()).client_id == "miso-dev"
            assert (await client.users.get("user-456")).name == "John Doe"
            assert (await client.users.list()).data
            assert (
                await client.users.update("user-456", {"role": "admin"})
            ).role == m.UserRole.ADMIN
            assert isinstance(await client.monitoring.metrics(), m.MetricSeries)
            assert isinstance(await client.monitoring.health(), m.SystemHealth)

            hook = await client.webhooks.create(
                {
                    "url": "https://example.com/h",
                    "events": ["deployment.completed"],
                    "secret": "s" * 8,
                }
            )
            assert (await client.webhooks.get(hook.id)).id == hook.id
            assert (await client.webhooks.list()).data
            assert isinstance(await client.webhooks.deliveries(hook.id), m.WebhookDeliveryList)
            await client.webhooks.delete(hook.id)

            token = await client.auth.token()
            assert (await client.auth.validate(token)).valid
            assert (await client.auth.jwks()).keys
            assert (await client.auth.openid_configuration()).issuer
            assert (await client.applications.delete(app.id)).id == app.id
            assert client.credentials.fetches == 1

    asyncio.run(scenario())


def test_followed_logs_and_pagination(base_url: str) -> None:
    async def scenario() -> tuple[list[m.LogEntry], str | None, list[str]]:
        async with AsyncMisoClient(base_url, *DEV_CLIENT) as client:
            deployment = await client.deployments.create("app-123", {"image": "my-app:async"})
            stream = await client.deployments.logs(deployment.id, follow=True)
            assert isinstance(stream, AsyncLogStream)
            async with stream:
                entries = [entry async for entry in stream]
            names = [a.name async for a in apaginate(client.applications.list, limit=1)]
            return entries, stream.status, names

    entries, status, names = asyncio.run(scenario())
    assert entries and entries[0].message == "Starting deployment"
    assert status in {"success", "failed"}
    assert names == ["my-application"]


def test_errors(base_url: str) -> None:
    async def scenario() -> None:
        async with AsyncMisoClient(base_url, *DEV_CLIENT) as client:
            with pytest.raises(NotFoundError) as caught:
                await client.applications.get("app-missing")
            assert caught.value.request_id
            with pytest.raises(NotFoundError):
                await client.deployments.logs("deploy-missing", follow=True)
        async with AsyncMisoClient(base_url, *VIEWER_CLIENT) as viewer:
            with pytest.raises(AuthorizationError):
                await viewer.applications.delete("app-123")

    asyncio.run(scenario())


def test_concurrent_calls_share_one_client(base_url: str) -> None:
    async def scenario() -> list[str]:
        async with AsyncMisoClient(base_url, *DEV_CLIENT) as client:
            results = await asyncio.gather(*(client.applications.get("app-123") for _ in range(10)))
            assert client.credentials.fetches == 1  # the first calls waited for one token
            return [app.id for app in results]

    assert asyncio.run(scenario()) == ["app-123"] * 10
