"""The client-credentials token: fetched on first use, reused, refreshed before it expires."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from miso_client import AuthenticationError, MisoClient

from tests.support.servers import DEV_CLIENT, running_mock

from .conftest import FAST, RecordingTransport


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def recording_client(base_url: str, **options: float) -> tuple[MisoClient, RecordingTransport]:
    transport = RecordingTransport()
    client = MisoClient(
        base_url=base_url,
        client_id=DEV_CLIENT[0],
        client_secret=DEV_CLIENT[1],
        transport=transport,
        **options,  # type: ignore[arg-type]
    )
    return client, transport


def test_token_is_fetched_on_first_use_and_reused(base_url: str) -> None:
    client, transport = recording_client(base_url)
    with client:
        assert transport.exchanges == []  # constructing the client sends nothing
        client.applications.list()
        client.environments.list()
        client.users.me()
    assert transport.paths() == [
        "/auth/token",
        "/api/v1/applications",
        "/api/v1/environments",
        "/api/v1/users/me",
    ]
    assert client.credentials.fetches == 1


def test_token_is_refreshed_within_the_margin_of_expiry(base_url: str) -> None:
    client, transport = recording_client(base_url, token_refresh_margin=60)
    clock = FakeClock()
    client.credentials.clock = clock
    with client:
        client.applications.list()
        clock.now += 3600 - 61  # a second before the margin: still fresh
        client.applications.list()
        assert client.credentials.fetches == 1
        clock.now += 2  # inside the last 60 s of its hour
        client.applications.list()
    assert client.credentials.fetches == 2
    assert transport.paths().count("/auth/token") == 2
    assert transport.paths(status=401) == []


@pytest.fixture(scope="module")
def short_lived_mock() -> Iterator[str]:
    """A mock whose tokens live two seconds."""
    with running_mock(*FAST, "--token-ttl", "2") as url:
        yield url


def test_short_lived_tokens_are_refreshed_before_the_server_rejects_them(
    short_lived_mock: str,
) -> None:
    client, transport = recording_client(short_lived_mock)
    with client:
        client.applications.list()
        time.sleep(1.2)  # past half the lifetime, still before expiry
        client.applications.list()
    assert client.credentials.fetches == 2
    assert transport.paths(status=401) == []


def test_a_token_the_server_rejects_is_fetched_again_once(short_lived_mock: str) -> None:
    client, transport = recording_client(short_lived_mock)
    clock = FakeClock()
    client.credentials.clock = clock  # frozen: the client believes its token is fresh
    with client:
        client.applications.list()
        time.sleep(2.1)  # the server now considers it expired
        page = client.applications.list()
    assert page.data
    assert transport.paths()[-3:] == ["/api/v1/applications", "/auth/token", "/api/v1/applications"]
    assert transport.paths(status=401) == ["/api/v1/applications"]


def test_wrong_credentials_raise_authentication_error(base_url: str) -> None:
    with (
        MisoClient(base_url=base_url, client_id="miso-dev", client_secret="wrong") as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.applications.list()
    error = caught.value
    assert (error.status_code, error.code) == (401, "AUTHENTICATION_ERROR")
    assert error.request_id
    assert client.credentials.token is None


def test_auth_token_hands_out_the_cached_token(client: MisoClient) -> None:
    token = client.auth.token()
    client.applications.list()
    assert client.auth.token() == token
    assert client.credentials.fetches == 1


def test_concurrent_first_calls_share_one_token(client: MisoClient) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        names = list(pool.map(lambda _: client.applications.get("app-123").name, range(16)))
    assert names == ["my-application"] * 16
    assert client.credentials.fetches == 1
