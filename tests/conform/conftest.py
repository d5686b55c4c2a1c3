"""Fixtures for `miso conform`'s tests: fresh mock apps in process, a way to serve one over
real HTTP from a thread, and a run helper that captures what a person would see."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from miso_mock import MockOptions, create_app
from miso_toolkit.conform import ConformanceResult, ConformOptions, run_conformance

from tests.support.servers import DEV_CLIENT, free_port

# Fast deployments (log streams end quickly) and no rate limit in the way of fuzzing.
FAST_MOCK = ("--rate-limit", "100000/60", "--deploy-speed", "50")


def mock_app(**options: Any) -> Any:
    """A fresh mock, validating its own responses, tuned for fuzzing."""
    settings: dict[str, Any] = {
        "rate_limit": (100_000, 60),
        "deploy_speed": 50.0,
        "validate_responses": True,
        **options,
    }
    return create_app(MockOptions(**settings))


@dataclass(frozen=True)
class Run:
    result: ConformanceResult
    output: str
    report_dir: Path

    def report(self, name: str) -> str:
        return (self.report_dir / name).read_text()


@pytest.fixture
def conform(tmp_path: Path) -> Callable[..., Run]:
    """Run `miso conform` in process against `app` with the dev client; capture the output."""

    def run(app: Any, **options: Any) -> Run:
        stream = io.StringIO()
        settings: dict[str, Any] = {
            "client_id": DEV_CLIENT[0],
            "client_secret": DEV_CLIENT[1],
            "seed": 1,
            "report_dir": tmp_path / "reports",
            **options,
        }
        result = run_conformance(ConformOptions(app=app, stream=stream, **settings))
        return Run(result, stream.getvalue(), settings["report_dir"])

    return run


@contextlib.contextmanager
def serving(app: Any, port: int | None = None) -> Iterator[str]:
    """Serve `app` with uvicorn from a thread on `port` (a free loopback port by default);
    yield its base URL."""
    port = port or free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
