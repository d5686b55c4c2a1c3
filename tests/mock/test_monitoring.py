"""Metrics report the traffic this mock served; health reports its components."""

from __future__ import annotations

import httpx

from tests.mock.conftest import assert_envelope


def _points(api: httpx.Client, **params: str) -> list[dict]:
    response = api.get("/api/v1/metrics", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["metric"] == params.get("metric", "http_requests_total")
    assert body["time_range"] == params.get("time_range", "1h")
    assert body["aggregation"] == params.get("aggregation", "avg")
    return list(body["data"])


def test_requests_are_counted_by_method_endpoint_and_status(api: httpx.Client) -> None:
    for _ in range(7):
        api.get("/api/v1/environments/env-nope")  # 404s of a route nobody else calls here
    points = _points(api, metric="http_requests_total", time_range="5m", aggregation="sum")
    mine = [
        p
        for p in points
        if p["labels"]
        == {"method": "GET", "endpoint": "/api/v1/environments/{environment_id}", "status": "404"}
    ]
    assert sum(p["value"] for p in mine) >= 7
    count = _points(api, metric="http_requests_total", time_range="5m", aggregation="count")
    assert all(p["value"] >= 1 for p in count)


def test_latency_aggregations_are_ordered(api: httpx.Client) -> None:
    for _ in range(5):
        api.get("/api/v1/users")
    values = {
        agg: max(
            p["value"]
            for p in _points(
                api, metric="http_request_duration_seconds", time_range="1h", aggregation=agg
            )
            if p["labels"]["endpoint"] == "/api/v1/users"
        )
        for agg in ("min", "avg", "p99", "max")
    }
    assert 0 < values["min"] <= values["avg"] <= values["max"]
    assert values["p99"] <= values["max"]


def test_deployments_are_counted_when_they_end(api: httpx.Client) -> None:
    from tests.mock.conftest import wait_until

    deployment = api.post(
        "/api/v1/applications/app-123/deployments", json={"image": "a:fail"}
    ).json()
    wait_until(
        lambda: api.get(f"/api/v1/deployments/{deployment['id']}").json()["status"] == "failed"
    )
    points = _points(api, metric="deployments_total", time_range="1d", aggregation="sum")
    assert any(p["labels"] == {"status": "failed"} for p in points)


def test_metric_parameters_are_validated(api: httpx.Client) -> None:
    for params in ({"metric": "cpu"}, {"time_range": "forever"}, {"aggregation": "median"}):
        assert_envelope(api.get("/api/v1/metrics", params=params), 400, "VALIDATION_ERROR")


def test_health_reports_each_component(api: httpx.Client) -> None:
    body = api.get("/api/v1/health").json()
    assert body["status"] == "healthy"
    assert set(body["checks"]) == {"database", "redis", "keyvault"}
    assert all(check["response_time"].endswith("ms") for check in body["checks"].values())
