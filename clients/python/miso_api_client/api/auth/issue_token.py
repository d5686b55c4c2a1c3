from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/token",
    }

    if isinstance(body, TokenRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, TokenRequest):
        _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

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
) -> Response[ErrorResponse | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[ErrorResponse | TokenResponse]:
    """Obtain an access token

     Exchanges client credentials for an access token (OAuth 2.0 client-credentials grant).
    The body may be JSON, as in the reference, or the form encoding of RFC 6749; the credentials
    may be in the body or in an HTTP Basic `Authorization` header. Wrong credentials get 401,
    any grant other than `client_credentials` gets 400.

    Args:
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TokenResponse]
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
    body: TokenRequest,
) -> ErrorResponse | TokenResponse | None:
    """Obtain an access token

     Exchanges client credentials for an access token (OAuth 2.0 client-credentials grant).
    The body may be JSON, as in the reference, or the form encoding of RFC 6749; the credentials
    may be in the body or in an HTTP Basic `Authorization` header. Wrong credentials get 401,
    any grant other than `client_credentials` gets 400.

    Args:
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[ErrorResponse | TokenResponse]:
    """Obtain an access token

     Exchanges client credentials for an access token (OAuth 2.0 client-credentials grant).
    The body may be JSON, as in the reference, or the form encoding of RFC 6749; the credentials
    may be in the body or in an HTTP Basic `Authorization` header. Wrong credentials get 401,
    any grant other than `client_credentials` gets 400.

    Args:
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> ErrorResponse | TokenResponse | None:
    """Obtain an access token

     Exchanges client credentials for an access token (OAuth 2.0 client-credentials grant).
    The body may be JSON, as in the reference, or the form encoding of RFC 6749; the credentials
    may be in the body or in an HTTP Basic `Authorization` header. Wrong credentials get 401,
    any grant other than `client_credentials` gets 400.

    Args:
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.
        body (TokenRequest): A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The
            credentials may also be sent with HTTP Basic authentication instead of in the body.
            Example: {'client_id': 'your-client-id', 'client_secret': 'your-client-secret',
            'grant_type': 'client_credentials', 'scope': 'api'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
