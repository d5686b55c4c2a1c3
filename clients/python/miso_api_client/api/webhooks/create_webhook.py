from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.webhook import Webhook
from ...models.webhook_create import WebhookCreate
from ...types import Response


def _get_kwargs(
    *,
    body: WebhookCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Webhook | None:
    if response.status_code == 201:
        response_201 = Webhook.from_dict(response.json())

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
) -> Response[ErrorResponse | Webhook]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
) -> Response[ErrorResponse | Webhook]:
    """Create a webhook

     Subscribes `url` to `events`. Each event is POSTed as JSON (see the callback), signed with
    HMAC-SHA256 of the raw body under `secret` in `X-Miso-Signature: sha256=<hex>`. A delivery
    that does not get a 2xx within 10 seconds is retried with exponential backoff (1 s, 2 s, 4 s,
    …, 5 attempts in all); every attempt shows in the webhook's deliveries.

    Args:
        body (WebhookCreate): A new webhook subscription. Example: {'url': 'https://your-
            webhook.com/events', 'events': ['application.created', 'deployment.completed'], 'secret':
            'your-webhook-secret'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Webhook]
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
    body: WebhookCreate,
) -> ErrorResponse | Webhook | None:
    """Create a webhook

     Subscribes `url` to `events`. Each event is POSTed as JSON (see the callback), signed with
    HMAC-SHA256 of the raw body under `secret` in `X-Miso-Signature: sha256=<hex>`. A delivery
    that does not get a 2xx within 10 seconds is retried with exponential backoff (1 s, 2 s, 4 s,
    …, 5 attempts in all); every attempt shows in the webhook's deliveries.

    Args:
        body (WebhookCreate): A new webhook subscription. Example: {'url': 'https://your-
            webhook.com/events', 'events': ['application.created', 'deployment.completed'], 'secret':
            'your-webhook-secret'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Webhook
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
) -> Response[ErrorResponse | Webhook]:
    """Create a webhook

     Subscribes `url` to `events`. Each event is POSTed as JSON (see the callback), signed with
    HMAC-SHA256 of the raw body under `secret` in `X-Miso-Signature: sha256=<hex>`. A delivery
    that does not get a 2xx within 10 seconds is retried with exponential backoff (1 s, 2 s, 4 s,
    …, 5 attempts in all); every attempt shows in the webhook's deliveries.

    Args:
        body (WebhookCreate): A new webhook subscription. Example: {'url': 'https://your-
            webhook.com/events', 'events': ['application.created', 'deployment.completed'], 'secret':
            'your-webhook-secret'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Webhook]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WebhookCreate,
) -> ErrorResponse | Webhook | None:
    """Create a webhook

     Subscribes `url` to `events`. Each event is POSTed as JSON (see the callback), signed with
    HMAC-SHA256 of the raw body under `secret` in `X-Miso-Signature: sha256=<hex>`. A delivery
    that does not get a 2xx within 10 seconds is retried with exponential backoff (1 s, 2 s, 4 s,
    …, 5 attempts in all); every attempt shows in the webhook's deliveries.

    Args:
        body (WebhookCreate): A new webhook subscription. Example: {'url': 'https://your-
            webhook.com/events', 'events': ['application.created', 'deployment.completed'], 'secret':
            'your-webhook-secret'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Webhook
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
