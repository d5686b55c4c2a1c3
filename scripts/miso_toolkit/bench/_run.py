"""One benchmark: start-up timings, then the load rounds on one long-lived instance of each
server (their peak RSS sampled throughout), then the extra figures."""

from __future__ import annotations

import dataclasses
import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from . import _extras, _machine, _proxy, _tools
from ._cpu import tree_cpu_seconds
from ._load import LoadResult, Scenario, run_load, scenarios
from ._results import BenchResult, Config
from ._rss import RssSampler
from ._servers import OURS, PRISM, RunningServer, ServerKind, post_json, start, stop

Say = Callable[[str], None]
TOKEN_REQUEST = {
    "client_id": "miso-dev",
    "client_secret": "miso-dev-secret",
    "grant_type": "client_credentials",
    "scope": "api",
}
SERVERS: tuple[ServerKind, ServerKind] = (OURS, PRISM)


def _order(round_index: int) -> tuple[ServerKind, ServerKind]:
    """Alternate who goes first, so neither always runs on the warmer (or busier) machine."""
    return SERVERS if round_index % 2 == 0 else (SERVERS[1], SERVERS[0])


def measure_startup(result: BenchResult, runs: int, say: Say) -> None:
    """Fresh starts, alternating, each stopped as soon as it has answered."""
    for index in range(runs):
        for kind in _order(index):
            server = start(kind)
            stop(server.process)
            result.startup.setdefault(kind.key, []).append(server.startup_seconds)
            say(f"start-up {index + 1}/{runs} {kind.label}: {server.startup_seconds:.2f} s")


def _token(ours: RunningServer) -> str:
    """A real token from our mock; Prism only checks that one is there, so both get it."""
    answer = post_json(ours.port, "/auth/token", json.dumps(TOKEN_REQUEST).encode())
    return str(json.loads(answer)["access_token"])


def _drive(
    server: RunningServer, scenario: Scenario, token: str, config: Config, duration: float
) -> LoadResult:
    if server.kind.stateful:  # every run starts from the start-up dataset
        post_json(server.port, "/_mock/reset", b"")
    cpu_before = tree_cpu_seconds(server.pid)
    result = run_load(
        server.base_url,
        scenario,
        token=token,
        connections=config.connections,
        duration=duration,
        unique_prefix=f"bench-{secrets.token_hex(4)}",
    )
    cpu = tree_cpu_seconds(server.pid) - cpu_before
    return dataclasses.replace(result, server_cpu_seconds=cpu)


def measure_load(result: BenchResult, config: Config, say: Say) -> None:
    """The rounds, on one long-lived instance of each server whose memory is sampled
    throughout; both are stopped whatever happens."""
    servers: dict[str, RunningServer] = {}
    samplers: dict[str, RssSampler] = {}
    try:
        for kind in SERVERS:
            servers[kind.key] = start(kind)
            samplers[kind.key] = RssSampler(servers[kind.key].pid).start()
        token = _token(servers[OURS.key])
        warmup = min(2.0, config.duration)
        for scenario in scenarios():
            for kind in SERVERS:
                _drive(servers[kind.key], scenario, token, config, warmup)
        say(f"warmed up ({warmup:g} s per request and server)")
        for index in range(config.rounds):
            for scenario in scenarios():
                for kind in _order(index):
                    run = _drive(servers[kind.key], scenario, token, config, config.duration)
                    result.add_run(scenario.key, kind.key, run)
                    say(
                        f"round {index + 1}/{config.rounds} {scenario.title:<22} "
                        f"{kind.label:<9} {run.rps:8,.0f} req/s  p50 {run.p50_ms:g} ms  "
                        f"p99 {run.p99_ms:g} ms  cpu {run.cpu_ms_per_request:.2f} ms/req  "
                        f"errors {run.errors}"
                    )
    finally:
        for key, sampler in samplers.items():
            result.peak_rss_kib[key] = sampler.stop()
        for server in servers.values():
            stop(server.process)


def run_bench(config: Config, say: Say = print, extras: bool = True) -> BenchResult:
    """Install the pinned tools, measure, and return everything the report needs."""
    _tools.install()
    result = BenchResult(
        config=config,
        machine=_machine.describe(),
        started_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        titles={s.key: s.title for s in scenarios()},
    )
    measure_startup(result, config.startup_runs, say)
    measure_load(result, config, say)
    if extras:
        for measure in (
            _extras.conformance_throughput,
            _extras.sdk_regeneration,
            _proxy.proxy_overhead,
        ):
            extra = measure()
            result.extras.append(extra)
            say(f"{extra.label}: {extra.value} ({extra.note})")
    return result
