"""The proxy's cost: the same requests to `miso mock` directly and through `miso proxy` in
front of it, alternating, and the p50/p99 latency the proxy adds.

The headline figure is taken at a frontend's pace, where the proxy judges every exchange as
users run it; a saturating run beside it shows what a load test through the proxy gets (there
the checks fall behind, and the proxy forwards what they cannot take unjudged).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..paths import REPO_ROOT
from . import _tools
from ._load import LoadResult, run_load, scenarios
from ._results import Extra
from ._servers import HOST, OURS, RunningServer, free_port, running, stop, wait_for_200

REPORT_DIR = REPO_ROOT / ".bench" / "proxy"
SCENARIO = "get"
ROUNDS = 3
SECONDS = 5.0
PACED_RATE = 20.0
SATURATED_CONNECTIONS = 10


def _start_proxy(upstream: RunningServer) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    miso = str(Path(sys.executable).with_name("miso"))
    command = [miso, "proxy", "--upstream", upstream.base_url, "--host", HOST]
    command += ["--port", str(port), "--report-dir", str(REPORT_DIR)]
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_tools.node_env(),
        start_new_session=True,
    )
    try:
        wait_for_200(process, port, time.perf_counter(), 120.0)
    except Exception:
        stop(process)
        raise
    return process, port


def _token(server: RunningServer) -> str:
    from ._run import _token as token_of

    return token_of(server)


@dataclass(frozen=True)
class _Pace:
    """How the requests are sent: `rate` None is as fast as the connections go."""

    connections: int
    rate: float | None


FRONTEND = _Pace(connections=1, rate=PACED_RATE)  # what a developer's frontend sends
SATURATED = _Pace(connections=SATURATED_CONNECTIONS, rate=None)  # a load test


def _compare(
    targets: dict[str, str], token: str, pace: _Pace, rounds: int, seconds: float
) -> dict[str, list[LoadResult]]:
    scenario = next(s for s in scenarios() if s.key == SCENARIO)
    runs: dict[str, list[LoadResult]] = {key: [] for key in targets}
    for index in range(rounds):
        order = list(targets) if index % 2 == 0 else list(reversed(list(targets)))
        for key in order:
            runs[key].append(
                run_load(
                    targets[key],
                    scenario,
                    token=token,
                    connections=pace.connections,
                    duration=seconds,
                    unique_prefix=f"proxy-{index}",
                    rate=pace.rate,
                )
            )
    return runs


def _median(runs: list[LoadResult], figure: str) -> float:
    return float(statistics.median(getattr(run, figure) for run in runs))


def proxy_overhead(rounds: int = ROUNDS, seconds: float = SECONDS) -> Extra:
    """The p50 and p99 the proxy adds to `get one application` at a frontend's pace, and what
    it does to throughput under a load test."""
    label = "miso proxy overhead (p50 / p99 ms added)"
    with running(OURS) as mock:
        token = _token(mock)
        process, port = _start_proxy(mock)
        try:
            targets = {"direct": mock.base_url, "proxied": f"http://{HOST}:{port}"}
            _compare(targets, token, FRONTEND, 1, 1.0)  # warm-up, not counted
            paced = _compare(targets, token, FRONTEND, rounds, seconds)
            loaded = _compare(targets, token, SATURATED, 1, seconds)
        finally:
            stop(process)
    p50 = {key: _median(runs, "p50_ms") for key, runs in paced.items()}
    p99 = {key: _median(runs, "p99_ms") for key, runs in paced.items()}
    rps = {key: _median(runs, "rps") for key, runs in loaded.items()}
    errors = sum(run.errors for runs in (*paced.values(), *loaded.values()) for run in runs)
    how = (
        f"`get one application` at {PACED_RATE:g} req/s on one connection, {rounds} "
        f"alternating rounds of {seconds:g} s: direct p50 {p50['direct']:g} / p99 "
        f"{p99['direct']:g} ms, through the proxy p50 {p50['proxied']:g} / p99 "
        f"{p99['proxied']:g} ms. Saturated ({SATURATED_CONNECTIONS} connections, {seconds:g} s): "
        f"{rps['direct']:,.0f} req/s direct, {rps['proxied']:,.0f} req/s through the proxy. "
        f"{errors} errors"
    )
    added = f"{p50['proxied'] - p50['direct']:+g} / {p99['proxied'] - p99['direct']:+g}"
    return Extra(label, added, how)
