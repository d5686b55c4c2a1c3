"""The behaviours clients/sdk-behaviour.json describes, in the Python SDK, against real mocks.

Retries meet a mock that answers every request with 503 (`--error-rate 1`), timeouts a slow one
(`--latency`), and a POST whose connection is refused a port where nothing listens.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterator

import httpx
import pytest
from miso_client import AsyncMisoClient, MisoClient, RawResponse, ServiceUnavailableError
from miso_client import _behaviour as behaviour
from miso_client._http import debug_from_environment
from miso_client._retry import RetryPolicy, logger
from miso_client.models import ApplicationList

from tests.support.servers import DEV_CLIENT, running_mock

from .conftest import FAST, RecordingTransport

APP = {"name": "py-behaviour", "environment": "production", "configuration": {"image": "x:1"}}
LIST = "/api/v1/applications"


@pytest.fixture(scope="module")
def failing_mock() -> Iterator[str]:
    with running_mock(*FAST, "--error-rate", "1") as url:
        yield url


@pytest.fixture(scope="module")
def slow_mock() -> Iterator[str]:
    with running_mock(*FAST, "--latency", "150") as url:
        yield url


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_defaults_come_from_the_shared_description(base_url: str) -> None:
    transport = RecordingTransport()
    with MisoClient(base_url, *DEV_CLIENT, transport=transport) as client:
        client.applications.list()
        assert client.retry_policy.max_retries == behaviour.MAX_RETRIES == 2
        assert client._http.timeout.read == behaviour.TIMEOUT
    agents = {request.headers["User-Agent"] for request in transport.requests}
    assert len(agents) == 1 and agents.pop().startswith("aifabrix-miso-python/")


def test_a_get_is_retried_on_503_and_the_error_keeps_the_request_id(failing_mock: str) -> None:
    transport = RecordingTransport()
    with (
        MisoClient(failing_mock, *DEV_CLIENT, transport=transport) as client,
        pytest.raises(ServiceUnavailableError) as caught,
    ):
        client.environments.list()
    assert caught.value.request_id
    # the token request fails first; issuing a token creates nothing, so it is retried too
    assert transport.paths_status("/auth/token") == [503] * (1 + behaviour.MAX_RETRIES)


def test_a_post_answered_with_503_is_sent_once(base_url: str, failing_mock: str) -> None:
    transport = RecordingTransport()
    with MisoClient(failing_mock, *DEV_CLIENT, transport=transport) as client:
        # a token from the healthy mock (same signing keys would not matter: 503 comes first)
        client.credentials._token, client.credentials._refresh_at = "t", float("inf")
        with pytest.raises(ServiceUnavailableError):
            client.applications.create(APP)
    assert transport.paths_status(LIST, "POST") == [503]


def test_a_post_is_retried_when_its_connection_was_never_made(base_url: str) -> None:
    transport = RecordingTransport(dead_port=dead_port())
    with (
        MisoClient(base_url, *DEV_CLIENT, transport=transport) as client,
        pytest.raises(httpx.ConnectError),
    ):
        client.applications.create(APP)
    assert transport.paths_status(LIST, "POST") == [-1] * (1 + behaviour.MAX_RETRIES)


def test_retries_per_client_and_per_call(failing_mock: str) -> None:
    transport = RecordingTransport()
    with MisoClient(failing_mock, *DEV_CLIENT, max_retries=0, transport=transport) as client:
        client.credentials._token, client.credentials._refresh_at = "t", float("inf")
        with pytest.raises(ServiceUnavailableError):
            client.environments.list()
        assert transport.paths_status("/api/v1/environments") == [503]
        with pytest.raises(ServiceUnavailableError):
            client.environments.with_options(max_retries=1).list()
        assert transport.paths_status("/api/v1/environments") == [503] * 3


def test_timeouts_per_client_and_per_call(slow_mock: str) -> None:
    transport = RecordingTransport()
    with MisoClient(slow_mock, *DEV_CLIENT, timeout=30, transport=transport) as client:
        client.auth.token()
        hurried = client.environments.with_options(timeout=0.05, max_retries=1)
        with pytest.raises(httpx.ReadTimeout):
            hurried.list()
        assert transport.paths_status("/api/v1/environments") == [-1, -1]  # a GET is retried
        assert client.environments.list().data  # the client's own timeout still applies
    with (
        MisoClient(slow_mock, *DEV_CLIENT, timeout=0.05, max_retries=0) as impatient,
        pytest.raises(httpx.TimeoutException),
    ):
        impatient.environments.list()


def test_per_call_headers_and_the_raw_response(base_url: str) -> None:
    transport = RecordingTransport()
    with MisoClient(base_url, *DEV_CLIENT, transport=transport) as client:
        raw = client.applications.with_options(headers={"X-Trace": "py"}).with_raw_response.list()
        assert isinstance(raw, RawResponse) and isinstance(raw.data, ApplicationList)
        assert raw.status_code == 200
        assert raw.request_id and raw.request_id == raw.headers["X-Request-ID"]
        client.applications.list()
    sent = [request for request in transport.requests if request.url.path == LIST]
    assert sent[0].headers["X-Trace"] == "py"
    assert "X-Trace" not in sent[1].headers  # the view's options stay in the view


def test_list_all_walks_every_page_sync_and_async(base_url: str) -> None:
    with MisoClient(base_url, *DEV_CLIENT) as client:
        for index in range(3):
            client.applications.create({**APP, "name": f"paged-{index}"})
        expected = [app.id for app in client.applications.list(limit=100).data]
        assert len(expected) > 2
        assert [app.id for app in client.applications.list_all(limit=2)] == expected
        one_page_at_a_time = client.applications.with_options(max_retries=0).list_all(limit=2)
        assert [app.id for app in one_page_at_a_time] == expected

    async def walk() -> list[str]:
        async with AsyncMisoClient(base_url, *DEV_CLIENT) as client:
            return [app.id async for app in client.applications.list_all(limit=2)]

    assert asyncio.run(walk()) == expected


def test_backoff_is_jittered_capped_and_yields_to_retry_after() -> None:
    policy = RetryPolicy()
    assert policy.backoff(0, "1") == 1.0
    for attempt in range(10):
        ceiling = min(policy.max_delay, policy.initial_delay * 2**attempt)
        assert ceiling * (1 - policy.jitter) <= policy.backoff(attempt) <= ceiling
    assert policy.backoff(0, str(behaviour.RETRY_AFTER_MAX + 1)) <= policy.initial_delay


def test_the_debug_log_is_switched_on_by_the_environment_and_redacts_tokens(
    base_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(behaviour.DEBUG_ENV, raising=False)
    level = logger.level
    debug_from_environment()
    assert not logger.isEnabledFor(logging.DEBUG) or level == logging.DEBUG
    monkeypatch.setenv(behaviour.DEBUG_ENV, behaviour.DEBUG_VALUE)
    try:
        with MisoClient(base_url, *DEV_CLIENT) as client:
            assert logger.level == logging.DEBUG
            with caplog.at_level(logging.DEBUG, logger="miso_client"):
                client.applications.list()
            token = client.credentials.token
    finally:
        logger.setLevel(level)
        for handler in [h for h in logger.handlers if getattr(h, "_miso_debug", False)]:
            logger.removeHandler(handler)
    text = caplog.text
    assert f"GET {base_url}{LIST}" in text and "response 200" in text
    assert "[redacted]" in text
    assert token and token not in text
