"""Each SDK the mock offers, downloaded from it and installed in a fresh environment, as its
listing says (`install`), then used as its listing says (`usage`) against the same mock.

The mock builds the packages from this checkout into a cache of the test's own, so these tests
also show that a fresh cache is filled from the sources alone.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from miso_mock.sdk_packages import CACHE_ENV, discover

from tests.support.servers import running_mock

SDKS = [sdk.name for sdk in discover()]
SEEDED_APPLICATION = "my-application"  # in the mock's start-up dataset
BUILD_TIMEOUT = 900.0  # the first download of a package builds it


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("sdk-cache")))
        with running_mock() as url:
            yield url


@pytest.fixture(scope="module")
def listing(mock: str) -> dict[str, dict[str, Any]]:
    sdks = httpx.get(f"{mock}/api/sdk/").json()["sdks"]
    return {sdk["name"]: sdk for sdk in sdks}


def _download(url: str, target: Path) -> Path:
    answer = httpx.get(url, timeout=BUILD_TIMEOUT)
    assert answer.status_code == 200, answer.text
    target.write_bytes(answer.content)
    return target


def _run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return result.stdout


def _install_wheel(sdk: dict[str, Any], tmp_path: Path) -> str:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    command = shlex.split(sdk["install"])
    assert command[:2] == ["pip", "install"]
    _run([str(venv / "bin" / "python"), "-m", *command, "--quiet"], tmp_path)
    (tmp_path / "usage.py").write_text(sdk["usage"])
    return _run([str(venv / "bin" / "python"), "usage.py"], tmp_path)


def _install_npm_package(sdk: dict[str, Any], tmp_path: Path) -> str:
    npm = shutil.which("npm")
    assert npm is not None, "npm is needed to test the TypeScript SDK's download"
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text('{"name": "try-the-sdk", "private": true}\n')
    command = shlex.split(sdk["install"])
    assert command[:2] == ["npm", "install"]
    _run([npm, *command[1:], "--no-audit", "--no-fund"], project)
    (project / "usage.mjs").write_text(sdk["usage"])
    return _run(["node", "usage.mjs"], project)


@pytest.mark.parametrize("name", SDKS)
def test_each_sdk_downloads_installs_and_runs_its_usage(
    name: str, listing: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    sdk = listing[name]
    for file in sdk["files"]:
        downloaded = _download(file["url"], tmp_path / file["name"])
        if downloaded.suffix == ".js":  # the browser build: nothing to resolve by bare name
            assert 'from "openapi-fetch"' not in downloaded.read_text()
    first = sdk["files"][0]["name"]
    if first.endswith(".whl"):
        output = _install_wheel(sdk, tmp_path)
    elif first.endswith(".tgz"):
        output = _install_npm_package(sdk, tmp_path)
    elif first.endswith(".tar.gz"):  # sources: they unpack into a directory of the SDK's name
        with tarfile.open(tmp_path / first) as archive:
            names = archive.getnames()
        assert names and all(n.startswith(f"{name}/") for n in names), names
        return
    else:
        pytest.fail(f"no install check for {first}: add one beside the others")
    assert SEEDED_APPLICATION in output.splitlines()
