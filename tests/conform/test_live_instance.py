"""`miso conform` against a real instance over HTTP, as a new user runs it: the mock's own rate
limit, a flaky and slow instance that another client writes to during the run, a run cut short
with Ctrl-C. None of it may produce a finding, and nothing that was there before may be
changed or removed; everything the run created is removed again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from miso_mock import MockOptions, create_app
from miso_toolkit.conform import EXIT_CONFORMING, ConformanceResult, ConformOptions
from miso_toolkit.conform import run_conformance as conform_run

from tests.conform.conftest import mock_app, serving
from tests.conform.live import ConcurrentWriter, changed_records, mock_state, new_records
from tests.support.servers import DEV_CLIENT, REPO_ROOT, free_port


def live_mock(**options: Any) -> Any:
    """The real mock served over HTTP by uvicorn (from a thread: starting `miso mock` as a
    process costs far more on a busy machine). Deployments finish 50 times faster, so a
    followed log stream ends within a case; the rate limit, the data and everything else
    are the mock's defaults unless a test says otherwise. Its discovery document names the
    port it is served on, so the keys it points to are its own."""
    port = free_port()
    settings: dict[str, Any] = {
        "deploy_speed": 50.0,
        "validate_responses": True,
        "port": port,
        **options,
    }
    return serving(create_app(MockOptions(**settings)), port=port)


# Kinds of records a run (or the other client) creates.
CREATED_KINDS = ("applications", "deployments", "webhooks", "deliveries", "logs", "access")


def _run(base_url: str, tmp_path: Path, **options: Any) -> ConformanceResult:
    settings: dict[str, Any] = {
        "base_url": base_url,
        "client_id": DEV_CLIENT[0],
        "client_secret": DEV_CLIENT[1],
        "max_examples": 2,
        "seed": 5,
        "report_dir": tmp_path / "reports",
        "progress": False,
        "stream": open(os.devnull, "w"),  # noqa: SIM115 - closed with the process
        **options,
    }
    return conform_run(ConformOptions(**settings))


def _explain(result: ConformanceResult) -> str:
    lines = [f"{f.check} {f.operation}: {f.title} {f.message}" for f in result.findings]
    return "\n".join([*lines, *result.errors, *(str(r) for r in result.rules)])


def _assert_harmless(
    result: ConformanceResult, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """Pre-existing records as they were; what the run created gone again."""
    assert changed_records(before, after) == []
    assert result.cleanup is not None and result.cleanup.created > 0
    assert result.cleanup.leftovers == ()
    assert result.guard is not None and result.guard.failed == []
    assert result.inventory is not None and result.inventory.records > 0


@pytest.mark.slow
def test_a_default_run_against_the_mock_with_its_default_rate_limit_conforms(
    tmp_path: Path,
) -> None:
    assert MockOptions().rate_limit == (1000, 60)  # the default this test is about
    with live_mock() as base_url:
        before = mock_state(base_url)
        result = _run(base_url, tmp_path)
        after = mock_state(base_url)

    assert result.exit_code == EXIT_CONFORMING, _explain(result)
    _assert_harmless(result, before, after)
    assert new_records(before, after, CREATED_KINDS) == set()
    assert result.inventory is not None and result.inventory.intact
    # The spec's example ids were written to only to be put back, or not at all.
    assert result.guard is not None
    assert result.guard.redirected + result.guard.refused + len(result.guard.restored) > 0
    assert result.health is not None and result.health.requests > 0


def test_the_pace_keeps_within_a_small_rate_limit(tmp_path: Path) -> None:
    """A limit the run exhausts many times: it slows down instead of failing anything."""
    with live_mock(rate_limit=(40, 3)) as base_url:
        result = _run(
            base_url,
            tmp_path,
            include_operations=("listApplications", "getApplication", "listUsers"),
            max_examples=5,
            phases=("examples", "coverage", "fuzzing"),
        )

    assert result.exit_code == EXIT_CONFORMING, _explain(result)
    assert result.health is not None
    # The budget ran out and the run waited for the window instead of sending into a 429.
    assert result.health.paced > 0
    assert result.health.requests > 40
    statuses = {f.status for f in result.findings}
    assert 429 not in statuses


@pytest.mark.slow
def test_a_flaky_shared_instance_gives_no_false_alarm(tmp_path: Path) -> None:
    chaos = {"latency_ms": (2, 20), "error_rate": 0.02, "seed": 7}
    with live_mock(**chaos) as base_url:
        before = mock_state(base_url)
        with ConcurrentWriter(base_url).running() as writer:
            result = _run(base_url, tmp_path, seed=6)
        after = mock_state(base_url)

    assert writer.cycles > 0  # the other client really was busy meanwhile
    assert result.exit_code == EXIT_CONFORMING, _explain(result)
    _assert_harmless(result, before, after)
    assert result.health is not None and result.health.transient.get("503", 0) > 0
    # What is left over is the other client's, never the run's; and what went missing from the
    # run's inventory went by the other client's hand.
    left = new_records(before, after, ("applications", "webhooks"))
    assert left <= {f"applications/{identity}" for identity in writer.created}
    assert result.inventory is not None
    theirs = {f"/api/v1/applications/{identity}" for identity in writer.created}
    assert {*result.inventory.missing, *result.inventory.changed} <= theirs


def test_an_interrupted_run_cleans_up(tmp_path: Path) -> None:
    with live_mock() as base_url:
        before = mock_state(base_url)
        command = [
            str(Path(sys.executable).with_name("miso")),
            "conform",
            "--base-url",
            base_url,
            "--client-id",
            DEV_CLIENT[0],
            "--client-secret",
            DEV_CLIENT[1],
            "--phases",
            "stateful",
            "--max-examples",
            "200",
            "--report-dir",
            str(tmp_path / "reports"),
        ]
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            deadline = time.monotonic() + 120
            while not new_records(before, mock_state(base_url), ("applications",)):
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
            process.send_signal(signal.SIGINT)
            output, _ = process.communicate(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        after = mock_state(base_url)

    assert "interrupted" in output, output
    assert "Clean-up:" in output and "0 left" in output, output
    assert changed_records(before, after) == []
    assert new_records(before, after, ("applications", "webhooks")) == set(), output


def test_a_request_budget_bounds_the_run_and_the_report_says_what_it_covered(
    conform: Any,
) -> None:
    run = conform(
        mock_app(),
        include_operations=("listApplications", "createApplication", "getApplication"),
        max_requests=60,
    )

    assert run.result.exit_code == EXIT_CONFORMING, run.output
    assert run.result.budget.startswith("Budget 60 requests: spent")
    assert "of 3 operations tested" in run.result.budget
    assert run.result.budget in run.output
    # Testing stopped near the budget; what it created was still removed after it.
    assert run.result.health is not None and run.result.health.requests < 60 + 40
    assert run.result.cleanup is not None and run.result.cleanup.leftovers == ()
