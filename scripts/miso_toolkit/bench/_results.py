"""A benchmark's raw runs, their medians, the ours/Prism ratios and the performance targets.

Rounds alternate between the servers, so noise from other work on the machine falls on both.
Figures are medians over rounds; a ratio is the median of the per-round ratios, each taken
between two runs that followed each other, so slow drifts in the machine's load cancel out.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from ._load import LoadResult
from ._machine import Machine

OURS = "ours"
PRISM = "prism"
RSS_LIMIT_MB = 150.0
THROUGHPUT_FACTOR = 2.0  # ours at least this many times Prism's requests/s
LATENCY_FRACTION = 0.5  # ours at most this fraction of Prism's p99
STARTUP_FRACTION = 0.5  # ours at most this fraction of Prism's start-up time


@dataclass(frozen=True)
class Config:
    rounds: int
    duration: float
    connections: int
    startup_runs: int
    quick: bool = False


@dataclass(frozen=True)
class Extra:
    """A figure measured beside the comparison (conformance throughput, SDK regeneration)."""

    label: str
    value: str
    note: str = ""


@dataclass
class BenchResult:
    config: Config
    machine: Machine
    started_at: str
    titles: dict[str, str]  # scenario key -> title, in run order
    # scenario key -> server key -> one result per round
    runs: dict[str, dict[str, list[LoadResult]]] = field(default_factory=dict)
    startup: dict[str, list[float]] = field(default_factory=dict)  # server key -> seconds
    peak_rss_kib: dict[str, int] = field(default_factory=dict)
    extras: list[Extra] = field(default_factory=list)

    def add_run(self, scenario: str, server: str, result: LoadResult) -> None:
        self.runs.setdefault(scenario, {}).setdefault(server, []).append(result)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["summary"] = {
            key: {server: asdict(figures(results)) for server, results in by_server.items()}
            for key, by_server in self.runs.items()
        }
        data["targets"] = [asdict(t) for t in targets(self)]
        return data


@dataclass(frozen=True)
class Figures:
    """Medians over rounds; errors are summed, since one is already too many."""

    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float  # server CPU time per request
    errors: int
    requests: int


def figures(results: list[LoadResult]) -> Figures:
    return Figures(
        rps=statistics.median(r.rps for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        cpu_ms=statistics.median(r.cpu_ms_per_request for r in results),
        errors=sum(r.errors for r in results),
        requests=sum(r.requests for r in results),
    )


def ratio(ours: float, prism: float) -> float:
    return ours / prism if prism else float("inf")


def paired_ratio(
    by_server: dict[str, list[LoadResult]], measure: Callable[[LoadResult], float]
) -> float:
    """Median over rounds of ours/Prism, each round's two runs taken back to back."""
    pairs = zip(by_server[OURS], by_server[PRISM], strict=False)
    return statistics.median(ratio(measure(a), measure(b)) for a, b in pairs)


def median_startup(result: BenchResult, server: str) -> float:
    return statistics.median(result.startup[server])


def peak_mb(result: BenchResult, server: str) -> float:
    return result.peak_rss_kib[server] * 1024 / 1_000_000


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    goal: str
    passed: bool


def targets(result: BenchResult) -> list[Target]:
    """The performance targets, each with its measured value."""
    checks: list[Target] = []
    for key, by_server in result.runs.items():
        if OURS not in by_server or PRISM not in by_server:
            continue
        ours = figures(by_server[OURS])
        title = result.titles.get(key, key)
        rps = paired_ratio(by_server, lambda r: r.rps)
        p99 = paired_ratio(by_server, lambda r: r.p99_ms)
        checks += [
            Target(
                f"{title}: throughput",
                f"{rps:.2f}x",
                f"≥ {THROUGHPUT_FACTOR:g}x Prism",
                rps >= THROUGHPUT_FACTOR,
            ),
            Target(
                f"{title}: p99",
                f"{p99:.2f}x",
                f"≤ {LATENCY_FRACTION:g}x Prism",
                p99 <= LATENCY_FRACTION,
            ),
            Target(f"{title}: errors", str(ours.errors), "0", ours.errors == 0),
        ]
    if result.startup.get(OURS) and result.startup.get(PRISM):
        startup = ratio(median_startup(result, OURS), median_startup(result, PRISM))
        checks.append(
            Target(
                "start-up time",
                f"{startup:.2f}x",
                f"≤ {STARTUP_FRACTION:g}x Prism",
                startup <= STARTUP_FRACTION,
            )
        )
    if OURS in result.peak_rss_kib:
        mb = peak_mb(result, OURS)
        checks.append(
            Target("peak RSS", f"{mb:.0f} MB", f"< {RSS_LIMIT_MB:g} MB", mb < RSS_LIMIT_MB)
        )
    return checks
