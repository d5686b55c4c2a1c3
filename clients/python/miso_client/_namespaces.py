# Generated from _async_namespaces.py by `miso clients` (unasync): edit the async source, not this.
"""The client namespaces, one per spec tag; each method is one generated operation.

`_async_namespaces` is the source written by hand; `_namespaces` (the sync client's) is derived
from it by `miso clients` (unasync: `async`/`await` dropped, async names swapped for their sync
twins), and `miso clients --check` fails when the two no longer match.

Methods take ids positionally, bodies as a model or a dict, and optional query parameters as
keywords (None leaves the server's default). They return the generated model or raise an
`APIError`. Every namespace also offers `with_options(...)` (per-call headers, timeout, retries)
and `with_raw_response` (the HTTP answer with the parsed result), and every paged list a
`list_all`-style iterator over all its pages.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, Self, TypeVar, cast, overload

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
    ApplicationSummary,
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
    WebhookDelivery,
    WebhookDeliveryList,
    WebhookList,
)

from ._auth import ClientCredentials
from ._core import body, enum, opt, unwrap
from ._errors import error_from_response
from ._options import RawResponse, RequestOptions, capture, using
from ._pagination import paginate
from ._streams import LogStream

Body = Mapping[str, Any]
T = TypeVar("T")


class _Namespace:
    def __init__(self, api: AuthenticatedClient) -> None:
        self._api = api

    def with_options(
        self,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
    ) -> Self:
        """This namespace with per-call options in force; the client (pool, token) is shared.

        >>> client.applications.with_options(timeout=5, max_retries=0).list()
        """
        options = RequestOptions(dict(headers or {}), timeout, max_retries)
        return cast(Self, _OptionsView(self, options))

    @property
    def with_raw_response(self) -> Any:
        """This namespace's methods, returning a `RawResponse` (status, headers, request id, data).

        >>> client.applications.with_raw_response.get("app-123").request_id
        """
        return _RawView(self)


class _OptionsView:
    """A namespace whose calls run with `options` on top of any already in force."""

    def __init__(self, namespace: _Namespace, options: RequestOptions) -> None:
        self._namespace = namespace
        self._options = options

    def with_options(
        self,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
    ) -> _OptionsView:
        more = RequestOptions(dict(headers or {}), timeout, max_retries)
        return _OptionsView(self._namespace, self._options.merged(more))

    @property
    def with_raw_response(self) -> Any:
        return _RawView(self)

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._namespace, name)
        options = self._options
        if inspect.isgeneratorfunction(method):

            def iterate(*args: Any, **kwargs: Any) -> Iterator[Any]:
                return _iterate_with(options, method(*args, **kwargs))

            return iterate

        def call(*args: Any, **kwargs: Any) -> Any:
            with using(options):
                return method(*args, **kwargs)

        return call


def _iterate_with(options: RequestOptions, items: Iterator[T]) -> Iterator[T]:
    """`items`, with `options` in force while each page is fetched."""
    while True:
        with using(options):
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


class _RawView:
    """A namespace whose calls return `RawResponse(http_response, data)`."""

    def __init__(self, namespace: _Namespace | _OptionsView) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._namespace, name)

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            with capture() as slot:
                data = method(*args, **kwargs)
            if slot.response is None:
                raise TypeError(f"{name} sends no request of its own: it has no raw response")
            return RawResponse(slot.response, data)

        return call


class Applications(_Namespace):
    """Applications, with their configuration, access grants, health and logs."""

    def list(
        self,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: ApplicationStatus | str | None = None,
        environment: str | None = None,
        sort: ListApplicationsSort | str | None = None,
    ) -> ApplicationList:
        return unwrap(
            list_applications.sync_detailed(
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                status=enum(ApplicationStatus, status),
                environment=opt(environment),
                sort=enum(ListApplicationsSort, sort),
            )
        )

    def list_all(
        self,
        *,
        status: ApplicationStatus | str | None = None,
        environment: str | None = None,
        sort: ListApplicationsSort | str | None = None,
        limit: int = 100,
    ) -> Iterator[ApplicationSummary]:
        """Every application matching the filters, fetched page by page as iteration goes."""
        pages = paginate(self.list, status=status, environment=environment, sort=sort, limit=limit)
        yield from pages

    def get(self, application_id: str) -> Application:
        return unwrap(get_application.sync_detailed(application_id, client=self._api))

    def create(self, application: ApplicationCreate | Body) -> Application:
        payload = body(ApplicationCreate, application)
        return unwrap(create_application.sync_detailed(client=self._api, body=payload))

    def update(self, application_id: str, changes: ApplicationUpdate | Body) -> Application:
        payload = body(ApplicationUpdate, changes)
        return unwrap(
            update_application.sync_detailed(application_id, client=self._api, body=payload)
        )

    def delete(self, application_id: str) -> DeleteResult:
        return unwrap(delete_application.sync_detailed(application_id, client=self._api))

    def configuration(self, application_id: str) -> ApplicationConfiguration:
        return unwrap(get_application_configuration.sync_detailed(application_id, client=self._api))

    def update_configuration(
        self, application_id: str, configuration: ApplicationConfiguration | Body
    ) -> ApplicationConfiguration:
        payload = body(ApplicationConfiguration, configuration)
        return unwrap(
            update_application_configuration.sync_detailed(
                application_id, client=self._api, body=payload
            )
        )

    def access(self, application_id: str) -> ApplicationAccess:
        return unwrap(get_application_access.sync_detailed(application_id, client=self._api))

    def update_access(
        self, application_id: str, access: ApplicationAccessUpdate | Body
    ) -> ApplicationAccess:
        payload = body(ApplicationAccessUpdate, access)
        return unwrap(
            update_application_access.sync_detailed(application_id, client=self._api, body=payload)
        )

    def health(self, application_id: str) -> ApplicationHealth:
        return unwrap(get_application_health.sync_detailed(application_id, client=self._api))

    def logs(
        self, application_id: str, *, lines: int | None = None, level: LogLevel | str | None = None
    ) -> LogList:
        return unwrap(
            get_application_logs.sync_detailed(
                application_id, client=self._api, lines=opt(lines), level=enum(LogLevel, level)
            )
        )


class Deployments(_Namespace):
    """Deployments of an application, and their logs (a list, or followed as they stream)."""

    def list(
        self,
        application_id: str,
        *,
        page: int | None = None,
        limit: int | None = None,
        status: DeploymentStatus | str | None = None,
        sort: ListDeploymentsSort | str | None = None,
    ) -> DeploymentList:
        return unwrap(
            list_deployments.sync_detailed(
                application_id,
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                status=enum(DeploymentStatus, status),
                sort=enum(ListDeploymentsSort, sort),
            )
        )

    def list_all(
        self,
        application_id: str,
        *,
        status: DeploymentStatus | str | None = None,
        sort: ListDeploymentsSort | str | None = None,
        limit: int = 100,
    ) -> Iterator[Deployment]:
        """Every deployment of the application matching the filters, page after page."""
        pages = paginate(self.list, application_id, status=status, sort=sort, limit=limit)
        yield from pages

    def create(self, application_id: str, deployment: DeploymentCreate | Body) -> Deployment:
        payload = body(DeploymentCreate, deployment)
        return unwrap(
            create_deployment.sync_detailed(application_id, client=self._api, body=payload)
        )

    def get(self, deployment_id: str) -> Deployment:
        return unwrap(get_deployment.sync_detailed(deployment_id, client=self._api))

    @overload
    def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: Literal[False] = False
    ) -> LogList: ...

    @overload
    def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: Literal[True]
    ) -> LogStream: ...

    def logs(
        self, deployment_id: str, *, lines: int | None = None, follow: bool = False
    ) -> LogList | LogStream:
        """The last `lines` lines; with `follow=True` a stream of lines as they come."""
        if not follow:
            return unwrap(
                get_deployment_logs.sync_detailed(deployment_id, client=self._api, lines=opt(lines))
            )
        operation = get_deployment_logs._get_kwargs(deployment_id, lines=opt(lines), follow=True)
        http = self._api.get_httpx_client()
        request = http.build_request(
            operation["method"],
            operation["url"],
            params=operation["params"],
            headers={"Accept": "text/event-stream"},
        )
        response = http.send(request, stream=True)
        if response.status_code != 200:
            response.read()
            response.close()
            raise error_from_response(response.status_code, response.headers, response.content)
        return LogStream(response)


class Environments(_Namespace):
    """The environments applications run in."""

    def list(self) -> EnvironmentList:
        return unwrap(list_environments.sync_detailed(client=self._api))

    def get(self, environment_id: str) -> Environment:
        return unwrap(get_environment.sync_detailed(environment_id, client=self._api))


class Users(_Namespace):
    """Users, their roles and permissions, and the caller itself (`me`)."""

    def list(
        self,
        *,
        page: int | None = None,
        limit: int | None = None,
        role: UserRole | str | None = None,
        sort: ListUsersSort | str | None = None,
    ) -> UserList:
        return unwrap(
            list_users.sync_detailed(
                client=self._api,
                page=opt(page),
                limit=opt(limit),
                role=enum(UserRole, role),
                sort=enum(ListUsersSort, sort),
            )
        )

    def list_all(
        self,
        *,
        role: UserRole | str | None = None,
        sort: ListUsersSort | str | None = None,
        limit: int = 100,
    ) -> Iterator[User]:
        """Every user with the role (None: any), page after page."""
        yield from paginate(self.list, role=role, sort=sort, limit=limit)

    def me(self) -> CurrentUser:
        """Who the client's token speaks for, with its permissions."""
        return unwrap(get_current_user.sync_detailed(client=self._api))

    def get(self, user_id: str) -> User:
        return unwrap(get_user.sync_detailed(user_id, client=self._api))

    def update(self, user_id: str, changes: UserUpdate | Body) -> User:
        payload = body(UserUpdate, changes)
        return unwrap(update_user.sync_detailed(user_id, client=self._api, body=payload))


class Monitoring(_Namespace):
    """Platform metrics and health."""

    def metrics(
        self,
        *,
        metric: MetricName | str | None = None,
        time_range: str | None = None,
        aggregation: Aggregation | str | None = None,
    ) -> MetricSeries:
        return unwrap(
            get_metrics.sync_detailed(
                client=self._api,
                metric=enum(MetricName, metric),
                time_range=opt(time_range),
                aggregation=enum(Aggregation, aggregation),
            )
        )

    def health(self) -> SystemHealth:
        """The health report; an unhealthy platform's 503 report is returned, not raised."""
        response = get_health.sync_detailed(client=self._api)
        if isinstance(response.parsed, SystemHealth):
            return response.parsed
        return unwrap(response)


class Webhooks(_Namespace):
    """Webhook subscriptions and their delivery attempts (verify deliveries with `webhooks`)."""

    def list(self, *, page: int | None = None, limit: int | None = None) -> WebhookList:
        return unwrap(
            list_webhooks.sync_detailed(client=self._api, page=opt(page), limit=opt(limit))
        )

    def list_all(self, *, limit: int = 100) -> Iterator[Webhook]:
        """Every webhook, page after page."""
        yield from paginate(self.list, limit=limit)

    def create(self, webhook: WebhookCreate | Body) -> Webhook:
        payload = body(WebhookCreate, webhook)
        return unwrap(create_webhook.sync_detailed(client=self._api, body=payload))

    def get(self, webhook_id: str) -> Webhook:
        return unwrap(get_webhook.sync_detailed(webhook_id, client=self._api))

    def delete(self, webhook_id: str) -> DeleteResult:
        return unwrap(delete_webhook.sync_detailed(webhook_id, client=self._api))

    def deliveries(
        self, webhook_id: str, *, page: int | None = None, limit: int | None = None
    ) -> WebhookDeliveryList:
        return unwrap(
            list_webhook_deliveries.sync_detailed(
                webhook_id, client=self._api, page=opt(page), limit=opt(limit)
            )
        )

    def deliveries_all(self, webhook_id: str, *, limit: int = 100) -> Iterator[WebhookDelivery]:
        """Every delivery attempt of the webhook, page after page."""
        yield from paginate(self.deliveries, webhook_id, limit=limit)


class Auth(_Namespace):
    """The client's own token, token validation and the OIDC discovery documents."""

    def __init__(self, api: AuthenticatedClient, credentials: ClientCredentials) -> None:
        super().__init__(api)
        self._credentials = credentials

    def token(self) -> str:
        """A fresh access token (fetched or refreshed if needed), e.g. for another tool."""
        token = self._credentials.token
        if token is None:
            response = self._api.get_httpx_client().send(
                self._credentials.build_token_request(), auth=None
            )
            response.read()
            token = self._credentials.accept(response)
        return token

    def validate(self, token: str) -> TokenValidation:
        payload = TokenValidationRequest(token=token)
        return unwrap(validate_token.sync_detailed(client=self._api, body=payload))

    def openid_configuration(self) -> OpenIdConfiguration:
        return unwrap(get_open_id_configuration.sync_detailed(client=self._api))

    def jwks(self) -> JsonWebKeySet:
        return unwrap(get_jwks.sync_detailed(client=self._api))
