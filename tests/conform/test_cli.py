"""Usage errors end in exit code 2 before anything is sent."""

from __future__ import annotations

import pytest
from miso_toolkit.conform import EXIT_ERROR, main

BASE = ["--base-url", "http://127.0.0.1:9"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        [*BASE, "--read-only", "--allow-writes"],
        [*BASE, "--phases", "examples,teleport"],
        [*BASE, "--max-examples", "0"],
        ["--base-url", "ftp://example.com", "--token", "t"],
        [*BASE, "--token", "t", "--client-id", "a", "--client-secret", "b"],
        [*BASE, "--client-id", "a"],
        [*BASE],  # no credentials: a run of 401s would test nothing
        [*BASE, "--token", "t", "--include-operation", "noSuchOperation"],
        [*BASE, "--token", "t", "--spec", "/no/such/spec.yaml"],
        [*BASE, "--token", "t", "--rate", "fast"],
        [*BASE, "--token", "t", "--rate", "0/60"],
        [*BASE, "--token", "t", "--max-requests", "0"],
        [*BASE, "--token", "t", "--max-duration", "-5"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == EXIT_ERROR
    assert capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--allow-writes" in capsys.readouterr().out
