"""The oracle against a live-like instance over HTTP: slow, flaky (503s), with another client
writing meanwhile, or refusing some requests for its rate limit. None of it is a finding;
what it could not judge is said in the notes; what it created is removed again and nothing
that was there before is changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from miso_mock import MockOptions, create_app
from miso_toolkit.conform import EXIT_CONFORMING, ConformanceResult, ConformOptions
from miso_toolkit.conform import run_conformance as conform_run
from miso_toolkit.conform.oracle import OracleSettings

from tests.conform import oracle_faults
from tests.conform.conftest import mock_app, serving
from tests.conform.live import ConcurrentWriter, changed_records, mock_state
from tests.support.servers import DEV_CLIENT


def _run(base_url: str, tmp_path: Path) -> ConformanceResult:
    options = ConformOptions(
        base_url=base_url,
        client_id=DEV_CLIENT[0],
        client_secret=DEV_CLIENT[1],
        include_operations=("getHealth",),
        phases=("examples",),
        oracle=OracleSettings(required=True, wait_seconds=60),
        seed=3,
        report_dir=tmp_path / "reports",
        progress=False,
        stream=open(os.devnull, "w"),  # noqa: SIM115 - closed with the process
    )
    return conform_run(options)


def _summary(result: ConformanceResult) -> str:
    return next(note for note in result.notes if note.startswith("oracle: "))


def _explain(result: ConformanceResult) -> str:
    lines = [f"{f.check} {f.operation}: {f.title}\n{f.message}" for f in result.findings]
    return "\n".join([*lines, *result.errors, *result.notes])


def test_a_slow_flaky_busy_instance_gives_the_oracle_no_false_alarm(tmp_path: Path) -> None:
    chaos: dict[str, Any] = {"latency_ms": (2, 20), "error_rate": 0.05, "seed": 11}
    app = create_app(MockOptions(deploy_speed=50.0, validate_responses=True, **chaos))
    with serving(app) as base_url:
        before = mock_state(base_url)
        with ConcurrentWriter(base_url).running() as writer:
            result = _run(base_url, tmp_path)
        after = mock_state(base_url)

    assert writer.cycles > 0  # the other client really was busy meanwhile
    assert result.exit_code == EXIT_CONFORMING, _explain(result)
    assert result.findings == ()
    assert int(_summary(result).split()[1]) > 30, _summary(result)
    assert result.health is not None and result.health.transient.get("503", 0) > 0
    assert changed_records(before, after) == []
    assert result.cleanup is not None and result.cleanup.created > 0
    assert result.cleanup.leftovers == ()


def test_what_the_instance_refuses_for_its_rate_limit_is_inconclusive(tmp_path: Path) -> None:
    with serving(oracle_faults.deployments_rate_limited(mock_app())) as base_url:
        result = _run(base_url, tmp_path)

    assert result.exit_code == EXIT_CONFORMING, _explain(result)
    assert result.findings == ()
    refused = [n for n in result.notes if n.startswith("oracle inconclusive:")]
    assert any("answered 429" in note for note in refused), result.notes
    # The rest of the scenarios still ran and were compared.
    assert int(_summary(result).split()[1]) > 20, _summary(result)
    assert result.cleanup is not None and result.cleanup.leftovers == ()
