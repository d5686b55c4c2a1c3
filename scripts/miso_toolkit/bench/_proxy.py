"""The proxy's cost: the same requests to `miso mock` directly and through `miso proxy` in
front of it, alternating, and the p50/p99 latency the proxy adds.

The proxy runs as users run it (every exchange judged, reports written on exit); under load
its checks may fall behind, and then it forwards without judging (it says how often in its
report), so the figure is the price of forwarding plus the judging it keeps up with.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
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
CONNECTIONS = 10


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


def proxy_overhead(
    rounds: int = ROUNDS, seconds: float = SECONDS, connections: int = CONNECTIONS
) -> Extra:
    """Median p50 and p99 of `get one application`, direct and through the proxy."""
    label = "miso proxy overhead (p50 / p99 ms added)"
    scenario = next(s for s in scenarios() if s.key == SCENARIO)
    direct: list[LoadResult] = []
    proxied: list[LoadResult] = []
    with running(OURS) as mock:
        token = _token(mock)
        process, port = _start_proxy(mock)
        try:
            targets = {"direct": mock.base_url, "proxied": f"http://{HOST}:{port}"}
            for url in targets.values():  # warm-up, not counted
                run_load(
                    url,
                    scenario,
                    token=token,
                    connections=connections,
                    duration=1.0,
                    unique_prefix="warm",
                )
            for index in range(rounds):
                order = ["direct", "proxied"] if index % 2 == 0 else ["proxied", "direct"]
                for key in order:
                    run = run_load(
                        targets[key],
                        scenario,
                        token=token,
                        connections=connections,
                        duration=seconds,
                        unique_prefix=f"proxy-{index}",
                    )
                    (direct if key == "direct" else proxied).append(run)
        finally:
            stop(process)
    p50 = [statistics.median(r.p50_ms for r in runs) for runs in (direct, proxied)]
    p99 = [statistics.median(r.p99_ms for r in runs) for runs in (direct, proxied)]
    errors = sum(r.errors for r in direct + proxied)
    how = (
        f"`{scenario.title}`, {connections} connections, {rounds} alternating rounds of "
        f"{seconds:g} s: direct p50 {p50[0]:g} ms / p99 {p99[0]:g} ms "
        f"({statistics.median(r.rps for r in direct):,.0f} req/s), through the proxy "
        f"p50 {p50[1]:g} ms / p99 {p99[1]:g} ms "
        f"({statistics.median(r.rps for r in proxied):,.0f} req/s); {errors} errors"
    )
    return Extra(label, f"{p50[1] - p50[0]:+g} / {p99[1] - p99[0]:+g}", how)
