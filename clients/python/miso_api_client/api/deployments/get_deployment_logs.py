from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.log_list import LogList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    deployment_id: str,
    *,
    lines: int | Unset = 100,
    follow: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lines"] = lines

    params["follow"] = follow

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deployments/{deployment_id}/logs".format(
            deployment_id=quote(str(deployment_id), safe=""),
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
    deployment_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    follow: bool | Unset = False,
) -> Response[ErrorResponse | LogList]:
    """ Get a deployment's logs

     The last `lines` lines of the deployment's log, oldest first.

    With `follow=true` the answer is a `text/event-stream`: first those lines, then each new line
    as it is written, one `log` event each (`data` is a JSON `LogEntry`), and finally an `end`
    event (`data` is `{"status": "<final deployment status>"}`) when the deployment has ended.

    A browser's "Try it out" shows a stream only once it has ended. To watch it live, read it
    unbuffered, e.g. with curl's `-N`:

    ```bash
    curl -N -H "Authorization: Bearer $TOKEN" \\
      "http://127.0.0.1:8080/api/v1/deployments/deploy-789/logs?follow=true"
    ```

    `EventSource` cannot send an `Authorization` header: read the stream from `fetch` (the
    TypeScript SDK's `deployments.streamLogs()` does) or from any HTTP client that streams.

    Args:
        deployment_id (str):
        lines (int | Unset):  Default: 100.
        follow (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LogList]
     """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        lines=lines,
        follow=follow,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deployment_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    follow: bool | Unset = False,
) -> ErrorResponse | LogList | None:
    """ Get a deployment's logs

     The last `lines` lines of the deployment's log, oldest first.

    With `follow=true` the answer is a `text/event-stream`: first those lines, then each new line
    as it is written, one `log` event each (`data` is a JSON `LogEntry`), and finally an `end`
    event (`data` is `{"status": "<final deployment status>"}`) when the deployment has ended.

    A browser's "Try it out" shows a stream only once it has ended. To watch it live, read it
    unbuffered, e.g. with curl's `-N`:

    ```bash
    curl -N -H "Authorization: Bearer $TOKEN" \\
      "http://127.0.0.1:8080/api/v1/deployments/deploy-789/logs?follow=true"
    ```

    `EventSource` cannot send an `Authorization` header: read the stream from `fetch` (the
    TypeScript SDK's `deployments.streamLogs()` does) or from any HTTP client that streams.

    Args:
        deployment_id (str):
        lines (int | Unset):  Default: 100.
        follow (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LogList
     """

    return sync_detailed(
        deployment_id=deployment_id,
        client=client,
        lines=lines,
        follow=follow,
    ).parsed


async def asyncio_detailed(
    deployment_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    follow: bool | Unset = False,
) -> Response[ErrorResponse | LogList]:
    """ Get a deployment's logs

     The last `lines` lines of the deployment's log, oldest first.

    With `follow=true` the answer is a `text/event-stream`: first those lines, then each new line
    as it is written, one `log` event each (`data` is a JSON `LogEntry`), and finally an `end`
    event (`data` is `{"status": "<final deployment status>"}`) when the deployment has ended.

    A browser's "Try it out" shows a stream only once it has ended. To watch it live, read it
    unbuffered, e.g. with curl's `-N`:

    ```bash
    curl -N -H "Authorization: Bearer $TOKEN" \\
      "http://127.0.0.1:8080/api/v1/deployments/deploy-789/logs?follow=true"
    ```

    `EventSource` cannot send an `Authorization` header: read the stream from `fetch` (the
    TypeScript SDK's `deployments.streamLogs()` does) or from any HTTP client that streams.

    Args:
        deployment_id (str):
        lines (int | Unset):  Default: 100.
        follow (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LogList]
     """

    kwargs = _get_kwargs(
        deployment_id=deployment_id,
        lines=lines,
        follow=follow,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deployment_id: str,
    *,
    client: AuthenticatedClient,
    lines: int | Unset = 100,
    follow: bool | Unset = False,
) -> ErrorResponse | LogList | None:
    """ Get a deployment's logs

     The last `lines` lines of the deployment's log, oldest first.

    With `follow=true` the answer is a `text/event-stream`: first those lines, then each new line
    as it is written, one `log` event each (`data` is a JSON `LogEntry`), and finally an `end`
    event (`data` is `{"status": "<final deployment status>"}`) when the deployment has ended.

    A browser's "Try it out" shows a stream only once it has ended. To watch it live, read it
    unbuffered, e.g. with curl's `-N`:

    ```bash
    curl -N -H "Authorization: Bearer $TOKEN" \\
      "http://127.0.0.1:8080/api/v1/deployments/deploy-789/logs?follow=true"
    ```

    `EventSource` cannot send an `Authorization` header: read the stream from `fetch` (the
    TypeScript SDK's `deployments.streamLogs()` does) or from any HTTP client that streams.

    Args:
        deployment_id (str):
        lines (int | Unset):  Default: 100.
        follow (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LogList
     """

    return (
        await asyncio_detailed(
            deployment_id=deployment_id,
            client=client,
            lines=lines,
            follow=follow,
        )
    ).parsed
