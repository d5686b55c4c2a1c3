"""`miso bench` plumbing without npm: parsing autocannon, medians and paired ratios, targets,
the report and its splice into a hand-written page, /proc sampling, start-up timing."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest
from miso_toolkit.bench import _report, _servers, _tools
from miso_toolkit.bench._cpu import cpu_seconds, tree_cpu_seconds
from miso_toolkit.bench._load import LoadResult, parse_result, scenarios
from miso_toolkit.bench._machine import Machine, cpu_model, memory_gib
from miso_toolkit.bench._results import (
    OURS,
    PRISM,
    BenchResult,
    Config,
    Extra,
    figures,
    paired_ratio,
    targets,
)
from miso_toolkit.bench._rss import RssSampler, process_tree, status_kib

# The shape `autocannon --json` prints, trimmed to the fields the bench reads.
AUTOCANNON = {
    "duration": 2.01,
    "errors": 1,
    "timeouts": 2,
    "non2xx": 3,
    "statusCodeStats": {"201": {"count": 1997}, "409": {"count": 3}},
    "latency": {"p50": 4, "p99": 17, "average": 4.9},
    "requests": {"total": 2000, "average": 1000},
}


def _run(rps: float, p99: float, cpu_ms: float = 0.5, errors: int = 0) -> LoadResult:
    requests = int(rps * 10)
    return LoadResult(requests, 10.0, p99 / 2, p99, errors, {"200": requests}, cpu_ms * rps / 100)


def _machine() -> Machine:
    return Machine("Test CPU", 2, 8.0, "Linux", "3.11", "v20", "5.14.2", "8.0.0", "1.00")


def _result() -> BenchResult:
    result = BenchResult(
        Config(rounds=3, duration=10, connections=10, startup_runs=3),
        _machine(),
        "2026-01-01 00:00 UTC",
        titles={"list": "list applications", "create": "create an application"},
    )
    for ours, prism in ((2100, 1000), (2600, 1000), (1500, 1000)):
        result.add_run("list", OURS, _run(ours, 10))
        result.add_run("list", PRISM, _run(prism, 30))
    for ours, prism in ((900, 800), (1000, 800), (950, 800)):
        result.add_run("create", OURS, _run(ours, 20, errors=1))
        result.add_run("create", PRISM, _run(prism, 30))
    result.startup = {OURS: [0.8, 0.9, 1.0], PRISM: [2.5, 2.0, 3.0]}
    result.peak_rss_kib = {OURS: 100_000, PRISM: 300_000}
    result.extras = [Extra("conformance run (cases/s)", "pending", "not there yet")]
    return result


def test_parse_result_counts_every_unexpected_answer() -> None:
    result = parse_result(AUTOCANNON, expected_status=201)
    assert result.requests == 2000
    assert result.rps == pytest.approx(2000 / 2.01)
    assert (result.p50_ms, result.p99_ms) == (4.0, 17.0)
    assert result.errors == 3 + 1 + 2  # the 409s, the connection error, the timeouts
    assert result.statuses == {"201": 1997, "409": 3}


def test_cpu_per_request() -> None:
    result = dataclasses.replace(parse_result(AUTOCANNON, 201), server_cpu_seconds=1.0)
    assert result.cpu_ms_per_request == pytest.approx(0.5)


def test_scenarios_send_the_specs_own_example() -> None:
    by_key = {s.key: s for s in scenarios()}
    assert by_key["list"].path.endswith("limit=20")
    create = by_key["create"]
    assert create.expected_status == 201 and create.unique_field == "name"
    assert create.body is not None and create.body["environment"] == "production"


def test_medians_and_paired_ratios() -> None:
    result = _result()
    ours = figures(result.runs["list"][OURS])
    assert ours.rps == 2100 and ours.errors == 0 and ours.requests == 62_000
    # Per-round ratios 2.1, 2.6, 1.5: the median is 2.1 (the ratio of medians would be 2.1 too,
    # but rounds pair up: a slow round for one server is a slow round for both).
    assert paired_ratio(result.runs["list"], lambda r: r.rps) == pytest.approx(2.1)
    assert paired_ratio(result.runs["list"], lambda r: r.p99_ms) == pytest.approx(1 / 3)


def test_targets() -> None:
    checks = {t.name: t.passed for t in targets(_result())}
    assert checks["list applications: throughput"]
    assert checks["list applications: p99"]
    assert checks["list applications: errors"]
    assert not checks["create an application: throughput"]
    assert not checks["create an application: errors"]
    assert checks["start-up time"]  # 0.9 s against 2.5 s
    assert checks["peak RSS"]  # 102 MB


def test_report_renders_every_part() -> None:
    text = _report.render_results(_result())
    for expected in (
        "| CPU | Test CPU |",
        "| list applications | **ours / Prism** | **2.10x** |",
        "| start-up to first 200 (s) | 0.90 | 2.50 | 0.36x |",
        "| peak RSS (MB) | 102 | 307 | 0.33x |",
        "| conformance run (cases/s) | pending | not there yet |",
        "| create an application: throughput | 1.19x | ≥ 2x Prism | **not met** |",
        "| peak RSS | 102 MB | < 150 MB | met |",
    ):
        assert expected in text, expected


def test_splice_keeps_the_hand_written_parts() -> None:
    page = f"# Benchmarks\n\nintro\n\n{_report.START}\nold\n{_report.END}\n\n## Findings\n\nkept\n"
    spliced = _report.splice(page, "new\n")
    assert spliced.startswith("# Benchmarks\n\nintro\n")
    assert "old" not in spliced and f"{_report.START}\nnew\n{_report.END}" in spliced
    assert spliced.endswith("## Findings\n\nkept\n")
    fresh = _report.splice("# Benchmarks\n", "new\n")
    assert fresh.count(_report.START) == 1 and "## Results" in fresh


def test_write_report_and_json(tmp_path: Path) -> None:
    report, raw = tmp_path / "bench.md", tmp_path / "bench.json"
    _report.write(_result(), report, raw)
    _report.write(_result(), report, raw)  # a second run replaces, never appends
    assert report.read_text().count(_report.START) == 1
    assert '"summary"' in raw.read_text()


def test_proc_readers_on_this_process() -> None:
    pid = os.getpid()
    assert (status_kib(pid, "VmHWM") or 0) >= (status_kib(pid, "VmRSS") or 0) > 0
    assert pid in process_tree(pid)
    assert cpu_seconds(pid) > 0 and tree_cpu_seconds(pid) >= cpu_seconds(pid)
    assert status_kib(2**22 + 1, "VmRSS") is None  # beyond pid_max: no such process
    sampler = RssSampler(pid, interval=0.01).start()
    assert sampler.stop() >= (status_kib(pid, "VmRSS") or 0) // 2


def test_machine_readers() -> None:
    assert cpu_model()
    assert memory_gib() > 0
    assert dict(_machine().rows())["cores available"] == "2"


def test_startup_is_timed_to_the_first_200(monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in server: Python's own http.server answers 200 for any existing file.
    monkeypatch.setattr(_servers, "READY_PATH", "/pyproject.toml")
    kind = _servers.ServerKind(
        "stand-in",
        "stand-in",
        lambda port: [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        stateful=False,
    )
    with _servers.running(kind) as server:
        assert 0 < server.startup_seconds < 30
        assert _servers.get_status(server.port, "/pyproject.toml") == 200
    assert server.process.poll() is not None


@pytest.mark.skipif(not _tools.installed(), reason="the pinned bench tools are not installed")
def test_one_tiny_load_run_against_the_mock() -> None:
    """With the tools in place (`miso bench` installs them), drive the real mock for a second."""
    import json

    from miso_toolkit.bench._load import run_load
    from miso_toolkit.bench._run import TOKEN_REQUEST

    with _servers.running(_servers.OURS) as server:
        answer = _servers.post_json(server.port, "/auth/token", json.dumps(TOKEN_REQUEST).encode())
        token = json.loads(answer)["access_token"]
        create = next(s for s in scenarios() if s.key == "create")
        result = run_load(
            server.base_url, create, token=token, connections=2, duration=1, unique_prefix="t"
        )
    assert result.requests > 0 and result.errors == 0, result.statuses


def test_against_a_revision_that_names_no_commit_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from miso_toolkit.bench._cli import main

    assert main(["--against", "no-such-revision-anywhere"]) == 2
    assert "names no commit" in capsys.readouterr().err


def test_the_revision_mock_runs_from_its_own_tree(tmp_path: Path) -> None:
    """Both sides run the same interpreter; only where the mock's sources come from differs."""
    from miso_toolkit.bench._revisions import _checked_out, _mock_from, commit_of

    head = commit_of("HEAD")
    with _checked_out(head) as tree:
        assert (tree / "server" / "miso_mock").is_dir()
        command = _mock_from(tree)(8123)
        assert f"PYTHONPATH={tree / 'server'}:{tree / 'scripts'}" in command
        assert command[2] == sys.executable and "8123" in command
    assert not tree.exists()
