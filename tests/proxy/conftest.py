"""Fixtures for `miso proxy`'s tests: a proxy session in this process in front of a server on
a real loopback port, and `miso proxy` itself as a process, stopped the way a person stops it."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from miso_toolkit.conform import ConformanceResult
from miso_toolkit.paths import REPO_ROOT
from miso_toolkit.proxy import Proxy

from tests.conform.conftest import serving
from tests.support.servers import DEV_CLIENT, MISO, free_port, wait_until_up


@dataclass
class Session:
    """A proxy in front of `upstream`: talk to `url`; `result` and `output` once it stopped."""

    url: str
    report_dir: Path
    upstream: str = ""
    output: str = ""
    exit_code: int | None = None
    result: ConformanceResult | None = None

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30.0)

    def report(self, name: str) -> str:
        return (self.report_dir / name).read_text()

    @property
    def checks(self) -> set[str]:
        assert self.result is not None
        return {finding.check for finding in self.result.findings}


@contextlib.contextmanager
def proxied(app: Any, report_dir: Path, *, errors: bool = False) -> Iterator[Session]:
    """`app` served on a loopback port, a proxy session (in this process) in front of it."""
    with serving(app) as upstream:
        stream = io.StringIO()
        proxy = Proxy(upstream, report_dir=report_dir, stream=stream)
        proxy_app = proxy.app(errors=errors)
        session = Session("", report_dir, upstream)
        try:
            with serving(proxy_app) as url:
                session.url = url
                yield session
        finally:
            proxy_app.drain()
            session.result = proxy.finish()
            session.output = stream.getvalue()


@contextlib.contextmanager
def proxy_process(upstream: str, report_dir: Path, *options: str) -> Iterator[Session]:
    """`miso proxy` as a person runs it; stopped with SIGTERM when the block ends."""
    port = free_port()
    args = [MISO, "proxy", "--upstream", upstream, "--port", str(port)]
    args += ["--report-dir", str(report_dir), *options]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        args, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
    )
    session = Session(f"http://127.0.0.1:{port}", report_dir, upstream)
    try:
        wait_until_up(f"{session.url}/api/v1/openapi.json", process)
        yield session
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        session.output = out.decode()
        session.exit_code = process.returncode


def token(client: httpx.Client, credentials: tuple[str, str] = DEV_CLIENT) -> str:
    answer = client.post(
        "/auth/token",
        json={
            "client_id": credentials[0],
            "client_secret": credentials[1],
            "grant_type": "client_credentials",
            "scope": "api",
        },
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])
