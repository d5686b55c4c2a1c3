"""Fixtures for the mock's tests: one real `miso mock` per module, reset before each test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.support.redis_server import RedisServer, running_redis
from tests.support.servers import VIEWER_CLIENT, get_token, running_mock

FAST = ("--deploy-speed", "50", "--rate-limit", "100000/60", "--webhook-retry-base", "0.2")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One real Redis per test session (per xdist worker), started only when a test needs it."""
    with running_redis() as server:
        yield server


@pytest.fixture(scope="module", params=["memory", "redis"])
def store_options(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """Every test of a running mock runs against each store: in process, and shared in Redis."""
    if request.param == "memory":
        return ()
    server: RedisServer = request.getfixturevalue("redis_server")
    server.flush()
    return ("--store", server.url)


@pytest.fixture(scope="module")
def base_url(store_options: tuple[str, ...]) -> Iterator[str]:
    with running_mock(*FAST, *store_options) as url:
        yield url


@pytest.fixture(scope="module")
def token(base_url: str) -> str:
    return get_token(base_url)


@pytest.fixture(scope="module")
def viewer_token(base_url: str) -> str:
    return get_token(base_url, VIEWER_CLIENT)


@pytest.fixture
def api(base_url: str, token: str) -> Iterator[httpx.Client]:
    """An authenticated client on a freshly reset mock."""
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as client:
        yield client


def assert_envelope(response: httpx.Response, status: int, code: str) -> dict:
    """The reference's error envelope, with the code the status calls for and the request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    assert error["request_id"] == response.headers["x-request-id"]
    assert error["timestamp"].endswith("Z")
    return error


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Poll until `condition` holds (the mock's simulated time runs in the background)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)
