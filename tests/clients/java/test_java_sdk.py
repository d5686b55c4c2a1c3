"""The Java SDK: built offline with javac, its JUnit 5 suite run against real mocks.

The suite (clients/java/src/test) gets the mocks' URLs in its environment: a plain one, one that
answers every request with 503 (`--error-rate 1`), a slow one (`--latency`) and a rate-limited
one (`--rate-limit`), so retries and timeouts meet real answers.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from miso_toolkit import clients, java_sdk

from tests.support.servers import running_mock

MISSING = java_sdk.missing_tools()
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason="Java SDK not built: missing " + "; ".join(MISSING) + " (scripts/install-java-deps.sh)",
)

FAST = ("--deploy-speed", "50", "--rate-limit", "100000/60")
MOCKS = {
    "PLAIN": FAST,
    "FAILING": ("--error-rate", "1", "--rate-limit", "100000/60"),
    "SLOW": ("--latency", "150", "--rate-limit", "100000/60"),
    "LIMITED": ("--rate-limit", "3/5"),
}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> java_sdk.Build:
    return java_sdk.build(tmp_path_factory.mktemp("java"))


@pytest.fixture(scope="module")
def mocks() -> Iterator[dict[str, str]]:
    # one after the other: on a loaded two-core machine, parallel start-ups time out
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(running_mock(*options)) for name, options in MOCKS.items()}


def test_the_junit_suite_passes_against_the_mocks(
    build: java_sdk.Build, mocks: dict[str, str], tmp_path: Path
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "MISO_LOG"}
    env.update({f"MISO_MOCK_{name}": url for name, url in mocks.items()})
    result = java_sdk.run_junit(build, env, tmp_path / "reports")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    succeeded = re.search(r"(\d+) tests successful", output)
    skipped = re.search(r"(\d+) tests skipped", output)
    assert succeeded and int(succeeded.group(1)) > 0, output
    # every test had its mock: none may skip itself for a missing URL
    assert skipped and int(skipped.group(1)) == 0, output


@pytest.mark.skipif(shutil.which("java") is None, reason="no `java` to run openapi-generator")
def test_checked_in_sources_match_a_regeneration(tmp_path: Path) -> None:
    fresh = clients.generate_java(tmp_path / "java")
    assert clients.tree_differences(fresh, clients.JAVA_GENERATED) == [], "run `make clients`"
