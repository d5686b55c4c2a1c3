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

    def __init__(self, dead_port: int | None = None) -> None:
        super().__init__()
        self.exchanges: list[tuple[str, str, int]] = []
        self.requests: list[httpx.Request] = []
        self.dead_port = dead_port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`; with `dead_port`, API requests go where nothing listens (status -1)."""
        self.requests.append(request)
        sent = request
        if self.dead_port is not None and request.url.path.startswith("/api/"):
            sent = httpx.Request(
                request.method,
                request.url.copy_with(port=self.dead_port),
                headers=request.headers,
                content=request.content,
            )
        try:
            response = super().handle_request(sent)
        except httpx.TransportError:
            self.exchanges.append((request.method, request.url.path, -1))
            raise
        self.exchanges.append((request.method, request.url.path, response.status_code))
        return response

    def paths_status(self, path: str, method: str | None = None) -> list[int]:
        """The statuses (-1: failed) of the exchanges with `path` (and `method`)."""
        return [
            code
            for verb, seen, code in self.exchanges
            if seen == path and (method is None or verb == method)
        ]

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
