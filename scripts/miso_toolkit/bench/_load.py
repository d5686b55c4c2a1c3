"""The requests the benchmark drives, one autocannon run per (scenario, server), and the
parsing of autocannon's result into the figures the report shows."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import miso_contract

from . import _tools

JsonBody = dict[str, Any]


@dataclass(frozen=True)
class Scenario:
    """One request shape, sent identically to both servers."""

    key: str
    title: str
    method: str
    path: str
    expected_status: int
    body: JsonBody | None = None
    unique_field: str | None = None  # a body field made unique per request


@cache
def create_body() -> JsonBody:
    """The spec's own `ApplicationCreate` example: valid for both servers by construction."""
    example: JsonBody = dict(miso_contract.bundle().schema("ApplicationCreate")["example"])
    return example


def scenarios() -> tuple[Scenario, ...]:
    return (
        Scenario("list", "list applications", "GET", "/api/v1/applications?limit=20", 200),
        Scenario("get", "get one application", "GET", "/api/v1/applications/app-123", 200),
        Scenario(
            "create",
            "create an application",
            "POST",
            "/api/v1/applications",
            201,
            body=create_body(),
            unique_field="name",
        ),
    )


@dataclass(frozen=True)
class LoadResult:
    """One run's figures. `errors` counts every answer other than the expected status, plus
    connection errors and timeouts."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[str, int]
    server_cpu_seconds: float = 0.0  # filled in by the caller, which knows the server's pid

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.server_cpu_seconds / self.requests if self.requests else 0.0


def parse_result(raw: Mapping[str, Any], expected_status: int) -> LoadResult:
    """Figures from autocannon's result object (`autocannon --json` prints the same shape)."""
    statuses = {str(code): int(stats["count"]) for code, stats in raw["statusCodeStats"].items()}
    answered = sum(statuses.values())
    unexpected = answered - statuses.get(str(expected_status), 0)
    latency = raw["latency"]
    return LoadResult(
        requests=answered,
        seconds=float(raw["duration"]),
        p50_ms=float(latency["p50"]),
        p99_ms=float(latency["p99"]),
        errors=unexpected + int(raw.get("errors", 0)) + int(raw.get("timeouts", 0)),
        statuses=statuses,
    )


class LoadError(RuntimeError):
    """autocannon could not run."""


def run_load(
    base_url: str,
    scenario: Scenario,
    *,
    token: str,
    connections: int,
    duration: float,
    unique_prefix: str,
) -> LoadResult:
    """Drive `scenario` at `base_url` for `duration` seconds over `connections` connections."""
    node = shutil.which("node")
    if node is None:
        raise LoadError("node not found")
    headers = {"authorization": f"Bearer {token}", "accept": "application/json"}
    if scenario.body is not None:
        headers["content-type"] = "application/json"
    description = {
        "url": base_url + scenario.path,
        "method": scenario.method,
        "headers": headers,
        "body": scenario.body,
        "connections": connections,
        "duration": duration,
        "uniqueField": scenario.unique_field,
        "uniquePrefix": unique_prefix,
    }
    result = subprocess.run(
        [node, str(_tools.DRIVER), json.dumps(description)],
        capture_output=True,
        text=True,
        env=_tools.node_env(),
        check=False,
    )
    if result.returncode != 0:
        raise LoadError(f"autocannon failed ({result.returncode}): {result.stderr.strip()}")
    raw = json.loads(result.stdout.strip().splitlines()[-1])
    return parse_result(raw, scenario.expected_status)
