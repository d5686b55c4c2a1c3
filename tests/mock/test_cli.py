"""`miso mock` on the command line: its start-up banner and its refusal of bad options."""

from __future__ import annotations

import subprocess

import pytest

from tests.support.servers import MISO, REPO_ROOT, free_port


def test_banner_names_the_urls_and_the_dev_credentials() -> None:
    port = free_port()
    process = subprocess.Popen(
        [MISO, "mock", "--port", str(port)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(5)]
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
    text = "".join(lines)
    assert f"http://127.0.0.1:{port}" in text
    assert f"http://127.0.0.1:{port}/api/docs" in text
    assert "miso-dev / miso-dev-secret" in text and "miso-viewer / miso-viewer-secret" in text


@pytest.mark.parametrize(
    "options",
    [
        ["--error-rate", "2"],
        ["--latency", "5-1"],
        ["--rate-limit", "0/60"],
        ["--deploy-speed", "0"],
    ],
)
def test_bad_options_exit_2(options: list[str]) -> None:
    result = subprocess.run(
        [MISO, "mock", "--port", str(free_port()), *options],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
