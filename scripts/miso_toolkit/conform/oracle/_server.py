"""The oracle: a fresh mock served by uvicorn on a free loopback port, from a thread.

A real server rather than an ASGI transport called from this thread, because the mock's
behaviour lives partly outside requests: deployments roll out and applications get provisioned
by its simulator, a task on the server's own event loop. An ASGI transport driven from
synchronous code only runs that loop while a request is in flight, so a deployment would
never progress between two reads. The oracle shares nothing with the instance under test."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ._settings import OracleSettings

MOCK_PACKAGE = "miso_mock"
START_SECONDS = 60.0
# The oracle serves this run alone: no rate limit in its way.
UNLIMITED = (1_000_000_000, 60)


def available() -> bool:
    """Whether the mock's package is installed (the oracle is on by default when it is)."""
    return importlib.util.find_spec(MOCK_PACKAGE) is not None


@dataclass(frozen=True)
class Oracle:
    """Where the oracle listens, the dev client it is used with, and its step in seconds."""

    base_url: str
    client_id: str
    client_secret: str
    step_seconds: float


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(settings: OracleSettings) -> Iterator[Oracle]:
    """Start the oracle; yield where it is; stop it after."""
    import uvicorn
    from miso_mock import MockOptions, create_app
    from miso_mock.auth import DEV_CLIENTS
    from miso_mock.simulation import STEP_SECONDS

    # The dev client holding the most permissions acts for the run on the oracle.
    client = max(DEV_CLIENTS, key=lambda c: len(c.permissions))
    port = _free_port()
    options = MockOptions(
        host="127.0.0.1",
        port=port,
        rate_limit=UNLIMITED,
        deploy_speed=settings.deploy_speed,
        webhook_hosts=(),
    )
    config = uvicorn.Config(create_app(options), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="miso-oracle", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the oracle mock did not start")
        time.sleep(0.02)
    try:
        yield Oracle(
            f"http://127.0.0.1:{port}",
            client.client_id,
            client.secret,
            STEP_SECONDS / settings.deploy_speed,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=15)
