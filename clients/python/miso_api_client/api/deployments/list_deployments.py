from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deployment_list import DeploymentList
from ...models.deployment_status import DeploymentStatus
from ...models.error_response import ErrorResponse
from ...models.list_deployments_sort import ListDeploymentsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    *,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    status: DeploymentStatus | Unset = UNSET,
    sort: ListDeploymentsSort | Unset = ListDeploymentsSort.CREATED_AT_DESC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/applications/{application_id}/deployments".format(
            application_id=quote(str(application_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeploymentList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeploymentList.from_dict(response.json())

        return response_200

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
) -> Response[DeploymentList | ErrorResponse]:
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
    page: int | Unset = 1,
    limit: int | Unset = 20,
    status: DeploymentStatus | Unset = UNSET,
    sort: ListDeploymentsSort | Unset = ListDeploymentsSort.CREATED_AT_DESC,
) -> Response[DeploymentList | ErrorResponse]:
    """List an application's deployments

     One page of the application's deployments, newest first unless `sort` says otherwise.

    Args:
        application_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        status (DeploymentStatus | Unset): Lifecycle of a deployment: `pending` when accepted,
            `in_progress` while it rolls out, then
            `success` or `failed`. Example: success.
        sort (ListDeploymentsSort | Unset):  Default: ListDeploymentsSort.CREATED_AT_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeploymentList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        page=page,
        limit=limit,
        status=status,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    status: DeploymentStatus | Unset = UNSET,
    sort: ListDeploymentsSort | Unset = ListDeploymentsSort.CREATED_AT_DESC,
) -> DeploymentList | ErrorResponse | None:
    """List an application's deployments

     One page of the application's deployments, newest first unless `sort` says otherwise.

    Args:
        application_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        status (DeploymentStatus | Unset): Lifecycle of a deployment: `pending` when accepted,
            `in_progress` while it rolls out, then
            `success` or `failed`. Example: success.
        sort (ListDeploymentsSort | Unset):  Default: ListDeploymentsSort.CREATED_AT_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeploymentList | ErrorResponse
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        page=page,
        limit=limit,
        status=status,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    status: DeploymentStatus | Unset = UNSET,
    sort: ListDeploymentsSort | Unset = ListDeploymentsSort.CREATED_AT_DESC,
) -> Response[DeploymentList | ErrorResponse]:
    """List an application's deployments

     One page of the application's deployments, newest first unless `sort` says otherwise.

    Args:
        application_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        status (DeploymentStatus | Unset): Lifecycle of a deployment: `pending` when accepted,
            `in_progress` while it rolls out, then
            `success` or `failed`. Example: success.
        sort (ListDeploymentsSort | Unset):  Default: ListDeploymentsSort.CREATED_AT_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeploymentList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        page=page,
        limit=limit,
        status=status,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    status: DeploymentStatus | Unset = UNSET,
    sort: ListDeploymentsSort | Unset = ListDeploymentsSort.CREATED_AT_DESC,
) -> DeploymentList | ErrorResponse | None:
    """List an application's deployments

     One page of the application's deployments, newest first unless `sort` says otherwise.

    Args:
        application_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        status (DeploymentStatus | Unset): Lifecycle of a deployment: `pending` when accepted,
            `in_progress` while it rolls out, then
            `success` or `failed`. Example: success.
        sort (ListDeploymentsSort | Unset):  Default: ListDeploymentsSort.CREATED_AT_DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeploymentList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            page=page,
            limit=limit,
            status=status,
            sort=sort,
        )
    ).parsed
