from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deployment import Deployment
from ...models.deployment_create import DeploymentCreate
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    application_id: str,
    *,
    body: DeploymentCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/applications/{application_id}/deployments".format(
            application_id=quote(str(application_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Deployment | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = Deployment.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Deployment | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DeploymentCreate,
) -> Response[Deployment | ErrorResponse]:
    """Deploy an application

     Starts a deployment of `image`. It is `pending`, then `in_progress`, then `success` or
    `failed`; its logs grow as it runs. Subscribed webhooks receive `deployment.started` and then
    `deployment.completed` or `deployment.failed`.

    Mock server: a deployment whose image tag contains `fail` (`my-app:fail`, `my-app:v2-failing`)
    ends `failed`; `miso mock --deploy-speed` sets how fast deployments progress.

    Args:
        application_id (str):
        body (DeploymentCreate): A deployment of an image. `environment` defaults to the
            application's; `configuration` overrides the application's settings for this deployment
            only. Example: {'image': 'my-app:v1.3.0', 'environment': 'production', 'configuration':
            {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
            {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DeploymentCreate,
) -> Deployment | ErrorResponse | None:
    """Deploy an application

     Starts a deployment of `image`. It is `pending`, then `in_progress`, then `success` or
    `failed`; its logs grow as it runs. Subscribed webhooks receive `deployment.started` and then
    `deployment.completed` or `deployment.failed`.

    Mock server: a deployment whose image tag contains `fail` (`my-app:fail`, `my-app:v2-failing`)
    ends `failed`; `miso mock --deploy-speed` sets how fast deployments progress.

    Args:
        application_id (str):
        body (DeploymentCreate): A deployment of an image. `environment` defaults to the
            application's; `configuration` overrides the application's settings for this deployment
            only. Example: {'image': 'my-app:v1.3.0', 'environment': 'production', 'configuration':
            {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
            {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorResponse
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DeploymentCreate,
) -> Response[Deployment | ErrorResponse]:
    """Deploy an application

     Starts a deployment of `image`. It is `pending`, then `in_progress`, then `success` or
    `failed`; its logs grow as it runs. Subscribed webhooks receive `deployment.started` and then
    `deployment.completed` or `deployment.failed`.

    Mock server: a deployment whose image tag contains `fail` (`my-app:fail`, `my-app:v2-failing`)
    ends `failed`; `miso mock --deploy-speed` sets how fast deployments progress.

    Args:
        application_id (str):
        body (DeploymentCreate): A deployment of an image. `environment` defaults to the
            application's; `configuration` overrides the application's settings for this deployment
            only. Example: {'image': 'my-app:v1.3.0', 'environment': 'production', 'configuration':
            {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
            {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Deployment | ErrorResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DeploymentCreate,
) -> Deployment | ErrorResponse | None:
    """Deploy an application

     Starts a deployment of `image`. It is `pending`, then `in_progress`, then `success` or
    `failed`; its logs grow as it runs. Subscribed webhooks receive `deployment.started` and then
    `deployment.completed` or `deployment.failed`.

    Mock server: a deployment whose image tag contains `fail` (`my-app:fail`, `my-app:v2-failing`)
    ends `failed`; `miso mock --deploy-speed` sets how fast deployments progress.

    Args:
        application_id (str):
        body (DeploymentCreate): A deployment of an image. `environment` defaults to the
            application's; `configuration` overrides the application's settings for this deployment
            only. Example: {'image': 'my-app:v1.3.0', 'environment': 'production', 'configuration':
            {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
            {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Deployment | ErrorResponse
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            body=body,
        )
    ).parsed
