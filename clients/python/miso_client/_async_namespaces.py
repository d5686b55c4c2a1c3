"""The async client's namespaces: `_namespaces` method for method, each one awaitable.

Kept as a plain mirror rather than generated from the sync module so that both read as ordinary
code; `tests/clients/python/test_async.py` checks the two surfaces stay identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from miso_api_client.api.applications import (
    create_application,
    delete_application,
    get_application,
    get_application_access,
    get_application_configuration,
    get_application_health,
    get_application_logs,
    list_applications,
    update_application,
    update_application_access,
    update_application_configuration,
)
from miso_api_client.api.auth import get_jwks, get_open_id_configuration, validate_token
from miso_api_client.api.deployments import (
    create_deployment,
    get_deployment,
    get_deployment_logs,
    list_deployments,
)
from miso_api_client.api.environments import get_environment, list_environments
from miso_api_client.api.monitoring import get_health, get_metrics
from miso_api_client.api.users import get_current_user, get_user, list_users, update_user
from miso_api_client.api.webhooks import (
    create_webhook,
    delete_webhook,
    get_webhook,
    list_webhook_deliveries,
    list_webhooks,
)
from miso_api_client.client import AuthenticatedClient
from miso_api_client.models import (
    Aggregation,
    Application,
    ApplicationAccess,
    ApplicationAccessUpdate,
    ApplicationConfiguration,
    ApplicationCreate,
    ApplicationHealth,
    ApplicationList,
    ApplicationStatus,
    ApplicationUpdate,
    CurrentUser,
    DeleteResult,
    Deployment,
    DeploymentCreate,
    DeploymentList,
    DeploymentStatus,
    Environment,
    EnvironmentList,
    JsonWebKeySet,
    ListApplicationsSort,
    ListDeploymentsSort,
    ListUsersSort,
    LogLevel,
    LogList,
    MetricName,
    MetricSeries,
    OpenIdConfiguration,
    SystemHealth,
    TokenValidation,
    TokenValidationRequest,
    User,
    UserList,
    UserRole,
    UserUpdate,
    Webhook,
    WebhookCreate,
    WebhookDeliveryList,
    WebhookList,
)

from ._auth import ClientCredentials
from ._core import body, enum, opt, unwrap
from ._errors import error_from_response
from ._streams import AsyncLogStream

Body = Mapping[str, Any]


class _Namespace:
    def __init__(self, api: AuthenticatedClient) -> None:
        self._api = api


class AsyncApplications(_Namespace):
    """Applications, with their configuration, access grants, health and logs."""

    async def list(
        self,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: ApplicationStatus | str | None = None,
        environment: str | None = None,
        sort: ListApplicationsSort | str | None = None,
    ) -> ApplicationList:
        return unwrap(
            await list_applications.asyncio_detailed(
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                status=enum(ApplicationStatus, status),
                environment=opt(environment),
                sort=enum(ListApplicationsSort, sort),
            )
        )

    async def get(self, application_id: str) -> Application:
        return unwrap(await get_application.asyncio_detailed(application_id, client=self._api))

    async def create(self, application: ApplicationCreate | Body) -> Application:
        payload = body(ApplicationCreate, application)
        return unwrap(await create_application.asyncio_detailed(client=self._api, body=payload))

    async def update(self, application_id: str, changes: ApplicationUpdate | Body) -> Application:
        payload = body(ApplicationUpdate, changes)
        return unwrap(
            await update_application.asyncio_detailed(
                application_id, client=self._api, body=payload
            )
        )

    async def delete(self, application_id: str) -> DeleteResult:
        return unwrap(await delete_application.asyncio_detailed(application_id, client=self._api))

    async def configuration(self, application_id: str) -> ApplicationConfiguration:
        return unwrap(
            await get_application_configuration.asyncio_detailed(application_id, client=self._api)
        )

    async def update_configuration(
        self, application_id: str, configuration: ApplicationConfiguration | Body
    ) -> ApplicationConfiguration:
        payload = body(ApplicationConfiguration, configuration)
        return unwrap(
            await update_application_configuration.asyncio_detailed(
                application_id, client=self._api, body=payload
            )
        )

    async def access(self, application_id: str) -> ApplicationAccess:
        return unwrap(
            await get_application_access.asyncio_detailed(application_id, client=self._api)
        )

    async def update_access(
        self, application_id: str, access: ApplicationAccessUpdate | Body
    ) -> ApplicationAccess:
        payload = body(ApplicationAccessUpdate, access)
        return unwrap(
            await update_application_access.asyncio_detailed(
                application_id, client=self._api, body=payload
            )
        )

    async def health(self, application_id: str) -> ApplicationHealth:
        return unwrap(
            await get_application_health.asyncio_detailed(application_id, client=self._api)
        )

    async def logs(
        self, application_id: str, *, lines: int | None = None, level: LogLevel | str | None = None
    ) -> LogList:
        return unwrap(
            await get_application_logs.asyncio_detailed(
                application_id, client=self._api, lines=opt(lines), level=enum(LogLevel, level)
            )
        )


class AsyncDeployments(_Namespace):
    """Deployments of an application, and their logs (a list, or followed as they stream)."""

    async def list(
        self,
        application_id: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: DeploymentStatus | str | None = None,
        sort: ListDeploymentsSort | str | None = None,
    ) -> DeploymentList:
        return unwrap(
            await list_deployments.asyncio_detailed(
                application_id,
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                status=enum(DeploymentStatus, status),
                sort=enum(ListDeploymentsSort, sort),
            )
        )

    async def create(self, application_id: str, deployment: DeploymentCreate | Body) -> Deployment:
        payload = body(DeploymentCreate, deployment)
        return unwrap(
            await create_deployment.asyncio_detailed(application_id, client=self._api, body=payload)
        )

    async def get(self, deployment_id: str) -> Deployment:
        return unwrap(await get_deployment.asyncio_detailed(deployment_id, client=self._api))

    @overload
    async def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: Literal[False] = False
    ) -> LogList: ...

    @overload
    async def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: Literal[True]
    ) -> AsyncLogStream: ...

    async def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: bool = False
    ) -> LogList | AsyncLogStream:
        """The last `lines` lines; with `follow=True` an `AsyncLogStream` of lines as they come."""
        if not follow:
            return unwrap(
                await get_deployment_logs.asyncio_detailed(
                    deployment_id, client=self._api, lines=opt(lines)
                )
            )
        operation = get_deployment_logs._get_kwargs(deployment_id, lines=opt(lines), follow=True)
        http = self._api.get_async_httpx_client()
        request = http.build_request(
            operation["method"],
            operation["url"],
            params=operation["params"],
            headers={"Accept": "text/event-stream"},
        )
        response = await http.send(request, stream=True)
        if response.status_code != 200:
            await response.aread()
            await response.aclose()
            raise error_from_response(response.status_code, response.headers, response.content)
        return AsyncLogStream(response)


class AsyncEnvironments(_Namespace):
    """The environments applications run in."""

    async def list(self) -> EnvironmentList:
        return unwrap(await list_environments.asyncio_detailed(client=self._api))

    async def get(self, environment_id: str) -> Environment:
        return unwrap(await get_environment.asyncio_detailed(environment_id, client=self._api))


class AsyncUsers(_Namespace):
    """Users, their roles and permissions, and the caller itself (`me`)."""

    async def list(
        self,
        *,
        page: int | None = None,
        limit: int | None = None,
        role: UserRole | str | None = None,
        sort: ListUsersSort | str | None = None,
    ) -> UserList:
        return unwrap(
            await list_users.asyncio_detailed(
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                role=enum(UserRole, role),
                sort=enum(ListUsersSort, sort),
            )
        )

    async def me(self) -> CurrentUser:
        """Who the client's token speaks for, with its permissions."""
        return unwrap(await get_current_user.asyncio_detailed(client=self._api))

    async def get(self, user_id: str) -> User:
        return unwrap(await get_user.asyncio_detailed(user_id, client=self._api))

    async def update(self, user_id: str, changes: UserUpdate | Body) -> User:
        payload = body(UserUpdate, changes)
        return unwrap(await update_user.asyncio_detailed(user_id, client=self._api, body=payload))


class AsyncMonitoring(_Namespace):
    """Platform metrics and health."""

    async def metrics(
        self,
        *,
        metric: MetricName | str | None = None,
        time_range: str | None = None,
        aggregation: Aggregation | str | None = None,
    ) -> MetricSeries:
        return unwrap(
            await get_metrics.asyncio_detailed(
                client=self._api,
                metric=enum(MetricName, metric),
                time_range=opt(time_range),
                aggregation=enum(Aggregation, aggregation),
            )
        )

    async def health(self) -> SystemHealth:
        """The health report; an unhealthy platform's 503 report is returned, not raised."""
        response = await get_health.asyncio_detailed(client=self._api)
        if isinstance(response.parsed, SystemHealth):
            return response.parsed
        return unwrap(response)


class AsyncWebhooks(_Namespace):
    """Webhook subscriptions and their delivery attempts (verify deliveries with `webhooks`)."""

    async def list(self, *, page: int | None = None, limit: int | None = None) -> WebhookList:
        return unwrap(
            await list_webhooks.asyncio_detailed(client=self._api, page=opt(page), limit=opt(limit))
        )

    async def create(self, webhook: WebhookCreate | Body) -> Webhook:
        payload = body(WebhookCreate, webhook)
        return unwrap(await create_webhook.asyncio_detailed(client=self._api, body=payload))

    async def get(self, webhook_id: str) -> Webhook:
        return unwrap(await get_webhook.asyncio_detailed(webhook_id, client=self._api))

    async def delete(self, webhook_id: str) -> DeleteResult:
        return unwrap(await delete_webhook.asyncio_detailed(webhook_id, client=self._api))

    async def deliveries(
        self, webhook_id: str, *, page: int | None = None, limit: int | None = None
    ) -> WebhookDeliveryList:
        return unwrap(
            await list_webhook_deliveries.asyncio_detailed(
                webhook_id, client=self._api, page=opt(page), limit=opt(limit)
            )
        )


class AsyncAuth(_Namespace):
    """The client's own token, token validation and the OIDC discovery documents."""

    def __init__(self, api: AuthenticatedClient, credentials: ClientCredentials) -> None:
        super().__init__(api)
        self._credentials = credentials

    async def token(self) -> str:
        """A fresh access token (fetched or refreshed if needed), e.g. for another tool."""
        token = self._credentials.token
        if token is None:
            response = await self._api.get_async_httpx_client().send(
                self._credentials.build_token_request(), auth=None
            )
            await response.aread()
            token = self._credentials.accept(response)
        return token

    async def validate(self, token: str) -> TokenValidation:
        payload = TokenValidationRequest(token=token)
        return unwrap(await validate_token.asyncio_detailed(client=self._api, body=payload))

    async def openid_configuration(self) -> OpenIdConfiguration:
        return unwrap(await get_open_id_configuration.asyncio_detailed(client=self._api))

    async def jwks(self) -> JsonWebKeySet:
        return unwrap(await get_jwks.asyncio_detailed(client=self._api))
