"""Fixtures for the Python SDK's tests: a real `miso mock` over HTTP, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from miso_client import MisoClient

from tests.support.servers import DEV_CLIENT, VIEWER_CLIENT, running_mock

# Deployments finish in well under a second; the default rate limit would trip a long session.
FAST = ("--deploy-speed", "50", "--rate-limit", "100000/60", "--webhook-retry-base", "0.2")


class RecordingTransport(httpx.HTTPTransport):
    """A real HTTP transport that remembers (method, path, status) of every exchange."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self.exchanges.append((request.method, request.url.path, response.status_code))
        return response

    def paths(self, status: int | None = None) -> list[str]:
        return [path for _, path, code in self.exchanges if status is None or code == status]


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    with running_mock(*FAST) as url:
        yield url


@pytest.fixture
def base_url(mock_url: str) -> str:
    """The shared mock, back at its start-up dataset."""
    httpx.post(f"{mock_url}/_mock/reset").raise_for_status()
    return mock_url


@pytest.fixture
def client(base_url: str) -> Iterator[MisoClient]:
    with MisoClient(base_url=base_url, client_id=DEV_CLIENT[0], client_secret=DEV_CLIENT[1]) as sdk:
        yield sdk


@pytest.fixture
def viewer(base_url: str) -> Iterator[MisoClient]:
    with MisoClient(
        base_url=base_url, client_id=VIEWER_CLIENT[0], client_secret=VIEWER_CLIENT[1]
    ) as sdk:
        yield sdk
