from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application import Application
from ...models.application_create import ApplicationCreate
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ApplicationCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/applications",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Application | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = Application.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

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
) -> Response[Application | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ApplicationCreate,
) -> Response[Application | ErrorResponse]:
    """Create an application

     Creates an application owned by the caller. It starts in status `creating` and becomes
    `active` once provisioned. Names are unique: a taken name gets 409; an environment that does
    not exist gets 422. Subscribed webhooks receive `application.created`.

    Args:
        body (ApplicationCreate): A new application. Example: {'name': 'my-new-application',
            'description': 'My new application description', 'environment': 'production',
            'configuration': {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m',
            'memory': '1Gi'}, 'environment_variables': {'NODE_ENV': 'production', 'API_URL':
            'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Application | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ApplicationCreate,
) -> Application | ErrorResponse | None:
    """Create an application

     Creates an application owned by the caller. It starts in status `creating` and becomes
    `active` once provisioned. Names are unique: a taken name gets 409; an environment that does
    not exist gets 422. Subscribed webhooks receive `application.created`.

    Args:
        body (ApplicationCreate): A new application. Example: {'name': 'my-new-application',
            'description': 'My new application description', 'environment': 'production',
            'configuration': {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m',
            'memory': '1Gi'}, 'environment_variables': {'NODE_ENV': 'production', 'API_URL':
            'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Application | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ApplicationCreate,
) -> Response[Application | ErrorResponse]:
    """Create an application

     Creates an application owned by the caller. It starts in status `creating` and becomes
    `active` once provisioned. Names are unique: a taken name gets 409; an environment that does
    not exist gets 422. Subscribed webhooks receive `application.created`.

    Args:
        body (ApplicationCreate): A new application. Example: {'name': 'my-new-application',
            'description': 'My new application description', 'environment': 'production',
            'configuration': {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m',
            'memory': '1Gi'}, 'environment_variables': {'NODE_ENV': 'production', 'API_URL':
            'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Application | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ApplicationCreate,
) -> Application | ErrorResponse | None:
    """Create an application

     Creates an application owned by the caller. It starts in status `creating` and becomes
    `active` once provisioned. Names are unique: a taken name gets 409; an environment that does
    not exist gets 422. Subscribed webhooks receive `application.created`.

    Args:
        body (ApplicationCreate): A new application. Example: {'name': 'my-new-application',
            'description': 'My new application description', 'environment': 'production',
            'configuration': {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m',
            'memory': '1Gi'}, 'environment_variables': {'NODE_ENV': 'production', 'API_URL':
            'https://api.company.com'}}}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Application | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
