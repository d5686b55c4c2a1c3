from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_users_sort import ListUsersSort
from ...models.user_list import UserList
from ...models.user_role import UserRole
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    role: UserRole | Unset = UNSET,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT_ASC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/users",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UserList | None:
    if response.status_code == 200:
        response_200 = UserList.from_dict(response.json())

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
) -> Response[ErrorResponse | UserList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    role: UserRole | Unset = UNSET,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT_ASC,
) -> Response[ErrorResponse | UserList]:
    """List users

     One page of users, optionally only those with `role`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        role (UserRole | Unset):  Example: admin.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UserList]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        role=role,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    role: UserRole | Unset = UNSET,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT_ASC,
) -> ErrorResponse | UserList | None:
    """List users

     One page of users, optionally only those with `role`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        role (UserRole | Unset):  Example: admin.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UserList
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        role=role,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    role: UserRole | Unset = UNSET,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT_ASC,
) -> Response[ErrorResponse | UserList]:
    """List users

     One page of users, optionally only those with `role`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        role (UserRole | Unset):  Example: admin.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UserList]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        role=role,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 20,
    role: UserRole | Unset = UNSET,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT_ASC,
) -> ErrorResponse | UserList | None:
    """List users

     One page of users, optionally only those with `role`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 20.
        role (UserRole | Unset):  Example: admin.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT_ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UserList
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            role=role,
            sort=sort,
        )
    ).parsed
