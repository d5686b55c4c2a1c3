from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.aggregation import Aggregation
from ...models.error_response import ErrorResponse
from ...models.metric_name import MetricName
from ...models.metric_series import MetricSeries
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    metric: MetricName | Unset = MetricName.HTTP_REQUESTS_TOTAL,
    time_range: str | Unset = "1h",
    aggregation: Aggregation | Unset = Aggregation.AVG,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric.value

    params["metric"] = json_metric

    params["time_range"] = time_range

    json_aggregation: str | Unset = UNSET
    if not isinstance(aggregation, Unset):
        json_aggregation = aggregation.value

    params["aggregation"] = json_aggregation

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/metrics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | MetricSeries | None:
    if response.status_code == 200:
        response_200 = MetricSeries.from_dict(response.json())

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
) -> Response[ErrorResponse | MetricSeries]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    metric: MetricName | Unset = MetricName.HTTP_REQUESTS_TOTAL,
    time_range: str | Unset = "1h",
    aggregation: Aggregation | Unset = Aggregation.AVG,
) -> Response[ErrorResponse | MetricSeries]:
    """Get metrics

     The points of one metric over `time_range`, one per time bucket and label set, with the samples in
    each bucket combined by `aggregation`. Buckets are one minute wide up to `1h`, five minutes up to
    `24h`, one hour beyond.

    Args:
        metric (MetricName | Unset): `http_requests_total`: requests served, labelled by method,
            endpoint and status;
            `http_request_duration_seconds`: their latency; `deployments_total`: deployments that
            ended,
            labelled by their final status. Default: MetricName.HTTP_REQUESTS_TOTAL. Example:
            http_requests_total.
        time_range (str | Unset): How far back to look, a number followed by `m` (minutes), `h`
            (hours) or `d` (days). Default: '1h'. Example: 24h.
        aggregation (Aggregation | Unset): How the samples of one series are combined within each
            time bucket: `sum`, `count`, `avg`, `min`, `max`, or a percentile (`p50`, `p95`, `p99`).
            Default: Aggregation.AVG. Example: avg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MetricSeries]
    """

    kwargs = _get_kwargs(
        metric=metric,
        time_range=time_range,
        aggregation=aggregation,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    metric: MetricName | Unset = MetricName.HTTP_REQUESTS_TOTAL,
    time_range: str | Unset = "1h",
    aggregation: Aggregation | Unset = Aggregation.AVG,
) -> ErrorResponse | MetricSeries | None:
    """Get metrics

     The points of one metric over `time_range`, one per time bucket and label set, with the samples in
    each bucket combined by `aggregation`. Buckets are one minute wide up to `1h`, five minutes up to
    `24h`, one hour beyond.

    Args:
        metric (MetricName | Unset): `http_requests_total`: requests served, labelled by method,
            endpoint and status;
            `http_request_duration_seconds`: their latency; `deployments_total`: deployments that
            ended,
            labelled by their final status. Default: MetricName.HTTP_REQUESTS_TOTAL. Example:
            http_requests_total.
        time_range (str | Unset): How far back to look, a number followed by `m` (minutes), `h`
            (hours) or `d` (days). Default: '1h'. Example: 24h.
        aggregation (Aggregation | Unset): How the samples of one series are combined within each
            time bucket: `sum`, `count`, `avg`, `min`, `max`, or a percentile (`p50`, `p95`, `p99`).
            Default: Aggregation.AVG. Example: avg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MetricSeries
    """

    return sync_detailed(
        client=client,
        metric=metric,
        time_range=time_range,
        aggregation=aggregation,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    metric: MetricName | Unset = MetricName.HTTP_REQUESTS_TOTAL,
    time_range: str | Unset = "1h",
    aggregation: Aggregation | Unset = Aggregation.AVG,
) -> Response[ErrorResponse | MetricSeries]:
    """Get metrics

     The points of one metric over `time_range`, one per time bucket and label set, with the samples in
    each bucket combined by `aggregation`. Buckets are one minute wide up to `1h`, five minutes up to
    `24h`, one hour beyond.

    Args:
        metric (MetricName | Unset): `http_requests_total`: requests served, labelled by method,
            endpoint and status;
            `http_request_duration_seconds`: their latency; `deployments_total`: deployments that
            ended,
            labelled by their final status. Default: MetricName.HTTP_REQUESTS_TOTAL. Example:
            http_requests_total.
        time_range (str | Unset): How far back to look, a number followed by `m` (minutes), `h`
            (hours) or `d` (days). Default: '1h'. Example: 24h.
        aggregation (Aggregation | Unset): How the samples of one series are combined within each
            time bucket: `sum`, `count`, `avg`, `min`, `max`, or a percentile (`p50`, `p95`, `p99`).
            Default: Aggregation.AVG. Example: avg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | MetricSeries]
    """

    kwargs = _get_kwargs(
        metric=metric,
        time_range=time_range,
        aggregation=aggregation,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    metric: MetricName | Unset = MetricName.HTTP_REQUESTS_TOTAL,
    time_range: str | Unset = "1h",
    aggregation: Aggregation | Unset = Aggregation.AVG,
) -> ErrorResponse | MetricSeries | None:
    """Get metrics

     The points of one metric over `time_range`, one per time bucket and label set, with the samples in
    each bucket combined by `aggregation`. Buckets are one minute wide up to `1h`, five minutes up to
    `24h`, one hour beyond.

    Args:
        metric (MetricName | Unset): `http_requests_total`: requests served, labelled by method,
            endpoint and status;
            `http_request_duration_seconds`: their latency; `deployments_total`: deployments that
            ended,
            labelled by their final status. Default: MetricName.HTTP_REQUESTS_TOTAL. Example:
            http_requests_total.
        time_range (str | Unset): How far back to look, a number followed by `m` (minutes), `h`
            (hours) or `d` (days). Default: '1h'. Example: 24h.
        aggregation (Aggregation | Unset): How the samples of one series are combined within each
            time bucket: `sum`, `count`, `avg`, `min`, `max`, or a percentile (`p50`, `p95`, `p99`).
            Default: Aggregation.AVG. Example: avg.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | MetricSeries
    """

    return (
        await asyncio_detailed(
            client=client,
            metric=metric,
            time_range=time_range,
            aggregation=aggregation,
        )
    ).parsed
