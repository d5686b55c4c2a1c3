"""Start and stop the two servers under test, timing each from spawn to its first 200.

Both serve the same bundle on loopback. Ours runs as users run it (`miso mock`, request
validation and token checks on, response validation off), with a rate limit no benchmark
reaches; Prism runs with its defaults (`prism mock`), its log discarded.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..paths import BUNDLE, REPO_ROOT
from . import _tools

HOST = "127.0.0.1"
# Cheap, unauthenticated and answered by both servers (Prism from the spec's example).
READY_PATH = "/.well-known/openid-configuration"
LOG_DIR = REPO_ROOT / ".bench" / "logs"
UNLIMITED = "100000000/60"


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def ours_command(port: int) -> list[str]:
    miso = str(Path(sys.executable).with_name("miso"))
    return [miso, "mock", "--host", HOST, "--port", str(port), "--rate-limit", UNLIMITED, "--quiet"]


def prism_command(port: int) -> list[str]:
    prism = str(_tools.bin_path("prism"))
    return [prism, "mock", str(BUNDLE), "--host", HOST, "--port", str(port)]


@dataclass(frozen=True)
class ServerKind:
    """One of the servers under test: how it is named in the report and how it is started."""

    key: str
    label: str
    command: Callable[[int], list[str]]
    stateful: bool  # has `POST /_mock/reset`


OURS = ServerKind("ours", "miso mock", ours_command, stateful=True)
PRISM = ServerKind("prism", "Prism", prism_command, stateful=False)


@dataclass
class RunningServer:
    kind: ServerKind
    process: subprocess.Popen[bytes]
    port: int
    startup_seconds: float

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid


class StartError(RuntimeError):
    """The server exited or never answered 200; the message points at its log."""


def get_status(port: int, path: str, timeout: float = 1.0) -> int | None:
    """The status of `GET path`, or None if nothing answers yet."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def wait_for_200(
    process: subprocess.Popen[bytes], port: int, started: float, timeout: float
) -> float:
    """Seconds from `started` to the first 200 on READY_PATH, polling every 5 ms."""
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise StartError(f"exited with code {process.returncode}")
        if get_status(port, READY_PATH) == 200:
            return time.perf_counter() - started
        time.sleep(0.005)
    raise StartError(f"no 200 on {READY_PATH} within {timeout:.0f} s")


def start(kind: ServerKind, timeout: float = 60.0) -> RunningServer:
    """Spawn `kind` on a free port and wait for its first 200 (the start-up time)."""
    port = free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{kind.key}.log"
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            kind.command(port),
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # Prism logs every request at info level
            stderr=log,
            env=_tools.node_env(),
            start_new_session=True,
        )
    try:
        seconds = wait_for_200(process, port, started, timeout)
    except StartError as exc:
        stop(process)
        raise StartError(f"{kind.label} did not start: {exc} (see {log_path})") from exc
    return RunningServer(kind, process, port, seconds)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the process we started, then kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running(kind: ServerKind) -> Iterator[RunningServer]:
    server = start(kind)
    try:
        yield server
    finally:
        stop(server.process)


def post_json(port: int, path: str, body: bytes, headers: dict[str, str] | None = None) -> bytes:
    """A small POST for set-up calls (token, reset); raises unless the answer is 2xx."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        connection.request("POST", path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        if not 200 <= response.status < 300:
            raise RuntimeError(f"POST {path} answered {response.status}: {data[:200]!r}")
        return data
    finally:
        connection.close()
