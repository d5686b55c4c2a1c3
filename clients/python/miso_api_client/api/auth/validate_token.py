from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.token_validation import TokenValidation
from ...models.token_validation_request import TokenValidationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: TokenValidationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/validate",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TokenValidation | None:
    if response.status_code == 200:
        response_200 = TokenValidation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

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
) -> Response[ErrorResponse | TokenValidation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenValidationRequest,
) -> Response[ErrorResponse | TokenValidation]:
    """Validate a JWT

     Says whether a token was issued by this instance and is still valid, and what it carries.
    An invalid token is not an error: the answer is 200 with `valid: false` and the reason.

    Args:
        body (TokenValidationRequest):  Example: {'token':
            'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TokenValidation]
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
    client: AuthenticatedClient | Client,
    body: TokenValidationRequest,
) -> ErrorResponse | TokenValidation | None:
    """Validate a JWT

     Says whether a token was issued by this instance and is still valid, and what it carries.
    An invalid token is not an error: the answer is 200 with `valid: false` and the reason.

    Args:
        body (TokenValidationRequest):  Example: {'token':
            'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TokenValidation
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenValidationRequest,
) -> Response[ErrorResponse | TokenValidation]:
    """Validate a JWT

     Says whether a token was issued by this instance and is still valid, and what it carries.
    An invalid token is not an error: the answer is 200 with `valid: false` and the reason.

    Args:
        body (TokenValidationRequest):  Example: {'token':
            'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TokenValidation]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenValidationRequest,
) -> ErrorResponse | TokenValidation | None:
    """Validate a JWT

     Says whether a token was issued by this instance and is still valid, and what it carries.
    An invalid token is not an error: the answer is 200 with `valid: false` and the reason.

    Args:
        body (TokenValidationRequest):  Example: {'token':
            'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TokenValidation
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
