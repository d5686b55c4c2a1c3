"""Start real processes (the mock via `miso mock`) on free loopback ports for tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from miso_toolkit.paths import REPO_ROOT

MISO = str(Path(sys.executable).with_name("miso"))

DEV_CLIENT = ("miso-dev", "miso-dev-secret")
VIEWER_CLIENT = ("miso-viewer", "miso-viewer-secret")


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Poll `url` until it answers, failing early if the process died.

    The wait is generous because a busy shared machine can take half a minute to start a
    Python server; it ends as soon as the server answers.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{out}")
        try:
            httpx.get(url, timeout=10.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise TimeoutError(f"{url} did not come up within {timeout}s")


@contextlib.contextmanager
def running_mock(*options: str, port: int | None = None) -> Iterator[str]:
    """Run `miso mock` with `options` on a free port; yield its base URL, stop it after.

    Response validation is on unless the caller passes options of its own that say otherwise,
    so every test that talks to the mock also checks the mock's answers against the spec.
    """
    port = port or free_port()
    args = [MISO, "mock", "--host", "127.0.0.1", "--port", str(port), *options]
    if "--no-validate-responses" not in options and "--validate-responses" not in options:
        args.append("--validate-responses")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        args, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base_url}/api/v1/openapi.json", process)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def get_token(base_url: str, client: tuple[str, str] = DEV_CLIENT) -> str:
    """An access token for one of the dev clients, from the server's own token endpoint."""
    response = httpx.post(
        f"{base_url}/auth/token",
        json={
            "client_id": client[0],
            "client_secret": client[1],
            "grant_type": "client_credentials",
            "scope": "api",
        },
    )
    response.raise_for_status()
    return str(response.json()["access_token"])
