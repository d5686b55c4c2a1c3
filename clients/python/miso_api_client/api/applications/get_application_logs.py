from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.log_level import LogLevel
from ...models.log_list import LogList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    *,
    lines: int | Unset = 100,
    level: LogLevel | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lines"] = lines

    json_level: str | Unset = UNSET
    if not isinstance(level, Unset):
        json_level = level.value

    params["level"] = json_level

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/applications/{application_id}/logs".format(
            application_id=quote(str(application_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | LogList | None:
    if response.status_code == 200:
        response_200 = LogList.from_dict(response.json())

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
) -> Response[ErrorResponse | LogList]:
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
    lines: int | Unset = 100,
    level: LogLevel | Unset = UNSET,
) -> Response[ErrorResponse | LogList]:
    """Get an application's logs

     The last `lines` log lines of the application across its deployments, oldest first, optionally only
    those at `level` or above.

    Args:
        application_id (str):
        lines (int | Unset):  Default: 100.
        level (LogLevel | Unset):  Example: info.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LogList]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        lines=lines,
        level=level,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    level: LogLevel | Unset = UNSET,
) -> ErrorResponse | LogList | None:
    """Get an application's logs

     The last `lines` log lines of the application across its deployments, oldest first, optionally only
    those at `level` or above.

    Args:
        application_id (str):
        lines (int | Unset):  Default: 100.
        level (LogLevel | Unset):  Example: info.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LogList
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        lines=lines,
        level=level,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    level: LogLevel | Unset = UNSET,
) -> Response[ErrorResponse | LogList]:
    """Get an application's logs

     The last `lines` log lines of the application across its deployments, oldest first, optionally only
    those at `level` or above.

    Args:
        application_id (str):
        lines (int | Unset):  Default: 100.
        level (LogLevel | Unset):  Example: info.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LogList]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        lines=lines,
        level=level,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    level: LogLevel | Unset = UNSET,
) -> ErrorResponse | LogList | None:
    """Get an application's logs

     The last `lines` log lines of the application across its deployments, oldest first, optionally only
    those at `level` or above.

    Args:
        application_id (str):
        lines (int | Unset):  Default: 100.
        level (LogLevel | Unset):  Example: info.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LogList
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            lines=lines,
            level=level,
        )
    ).parsed
