"""The mock keeps the contract: every phase and every check, in process and over HTTP, finds
nothing, and the run cleans up after itself."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
from miso_toolkit.conform import EXIT_CONFORMING, main

from tests.conform.conftest import FAST_MOCK, Run, mock_app
from tests.support.servers import DEV_CLIENT, running_mock


def test_mock_passes_every_check_in_process(conform: Callable[..., Run]) -> None:
    run = conform(mock_app())  # the defaults of schemathesis.toml, as `miso conform` runs

    assert run.result.findings == (), run.output
    assert run.result.errors == (), run.output
    assert run.result.exit_code == EXIT_CONFORMING
    tested = {op.label for op in run.result.operations if op.cases}
    assert len(tested) == len(run.result.operations) == 32
    for phase in ("examples", "coverage", "fuzzing", "stateful"):
        assert f"{phase} finished" in run.output
    # Everything the run created was removed again.
    cleanup = run.result.cleanup
    assert cleanup is not None and cleanup.created > 0
    assert cleanup.leftovers == ()


def test_mock_passes_every_check_over_http(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    with running_mock(*FAST_MOCK) as base_url:
        code = main(
            [
                "--base-url",
                base_url,
                "--client-id",
                DEV_CLIENT[0],
                "--client-secret",
                DEV_CLIENT[1],
                "--max-examples",
                "8",
                "--seed",
                "2",
                "--report-dir",
                str(reports),
            ]
        )
    out = capsys.readouterr().out
    assert code == EXIT_CONFORMING, out
    assert "Summary per operation" in out
    assert "Result: conforming (exit 0)" in out
    suite = ElementTree.parse(reports / "junit.xml").getroot()
    assert suite.get("failures") == "0" and suite.get("errors") == "0"
    operations = suite.find("testsuite[@name='miso conform']")
    assert operations is not None and int(operations.get("tests", "0")) == 32
    assert "**conforming**" in (reports / "report.md").read_text()
    # Never a secret or a token, on screen or on disk.
    for text in (out, (reports / "junit.xml").read_text(), (reports / "report.md").read_text()):
        assert DEV_CLIENT[1] not in text
        assert "eyJ" not in text
