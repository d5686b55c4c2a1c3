"""Metrics of the traffic this mock served, and the health of its components."""

from __future__ import annotations

import time
from collections.abc import Callable

from miso_mock import clock
from miso_mock.context import current
from miso_mock.handlers._common import Body, Result


async def get_metrics(metric: str, time_range: str, aggregation: str) -> Result:
    points = current().metrics.query(metric, time_range, aggregation)
    return {
        "metric": metric,
        "time_range": time_range,
        "aggregation": aggregation,
        "data": points,
    }, 200


def _timed(probe: Callable[[], object]) -> Body:
    started = time.perf_counter()
    try:
        probe()
        status = "healthy"
    except Exception:  # a failing probe is what a health check reports, not raises
        status = "unhealthy"
    return {"status": status, "response_time": f"{(time.perf_counter() - started) * 1000:.3f}ms"}


async def get_health() -> Result:
    runtime = current()
    checks = {
        # The mock's stand-ins for the reference's components: its store, its rate limiter's
        # counters and its signing key.
        "database": _timed(lambda: runtime.store.all("environments")),
        "redis": _timed(lambda: runtime.metrics.query("http_requests_total", "1m", "sum")),
        "keyvault": _timed(runtime.authority.jwks),
    }
    statuses = {check["status"] for check in checks.values()}
    overall = "healthy" if statuses == {"healthy"} else "degraded"
    if statuses == {"unhealthy"}:
        overall = "unhealthy"
    body = {"status": overall, "timestamp": clock.iso(), "checks": checks}
    return body, 503 if overall == "unhealthy" else 200
