"""The `miso-toolkit` wheel, installed into a fresh venv outside the checkout, works from any
directory: `miso mock` serves (token, a list), `miso conform`, `miso diff` and
`miso lint --spec FILE` run, and the commands that need a clone say so."""

from __future__ import annotations

import json
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.servers import DEV_CLIENT, REPO_ROOT, free_port, wait_until_up

from ._support import build, fresh_venv

BUNDLE = REPO_ROOT / "openapi" / "dist" / "miso.yaml"


class Installed:
    """The built distributions and the venv's bin/, with a working directory far from both."""

    def __init__(self, wheel: Path, sdist: Path, bin_dir: Path, workdir: Path) -> None:
        self.wheel, self.sdist, self.bin, self.workdir = wheel, sdist, bin_dir, workdir

    def miso(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "miso"), *args],
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    wheel, sdist = build(REPO_ROOT, base / "dist")
    bin_dir = fresh_venv(base / "venv", wheel)
    workdir = base / "elsewhere"
    workdir.mkdir()
    return Installed(wheel, sdist, bin_dir, workdir)


@pytest.fixture(scope="module")
def mock_url(installed: Installed) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [str(installed.bin / "miso"), "mock", "--port", str(port), "--validate-responses"],
        cwd=installed.workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/v1/openapi.json", process, timeout=60)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def test_the_wheel_carries_the_spec_bundle_and_the_conformance_tuning(
    installed: Installed,
) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        assert wheel.read("miso_contract/miso.yaml") == BUNDLE.read_bytes()
        assert (
            wheel.read("miso_toolkit/conform/schemathesis.toml")
            == (REPO_ROOT / "schemathesis.toml").read_bytes()
        )
    assert {"miso_toolkit/cli.py", "miso_contract/__init__.py", "miso_mock/app.py"} <= names
    assert not any(name.startswith(("tests/", "clients/", "openapi/")) for name in names)
    with tarfile.open(installed.sdist) as sdist:
        root = sdist.getnames()[0].split("/")[0]
        assert f"{root}/openapi/dist/miso.yaml" in sdist.getnames()


def test_installed_code_and_spec_come_from_the_venv(installed: Installed) -> None:
    probe = (
        "import json, miso_contract, miso_mock, miso_toolkit.paths as p;"
        "print(json.dumps([miso_contract.__file__, miso_mock.__file__,"
        " str(miso_contract.bundle_path()), str(p.SCHEMATHESIS_CONFIG), p.IN_CHECKOUT]))"
    )
    result = subprocess.run(
        [str(installed.bin / "python"), "-c", probe],
        cwd=installed.workdir,
        capture_output=True,
        text=True,
        check=True,
    )
    *files, in_checkout = json.loads(result.stdout)
    venv = installed.bin.parent
    assert all(Path(f).is_relative_to(venv) for f in files), files
    assert all(Path(f).is_file() for f in files), files
    assert in_checkout is False


def test_miso_mock_serves_a_token_and_a_list(mock_url: str) -> None:
    token = httpx.post(
        f"{mock_url}/auth/token",
        json={
            "client_id": DEV_CLIENT[0],
            "client_secret": DEV_CLIENT[1],
            "grant_type": "client_credentials",
            "scope": "api",
        },
    )
    assert token.status_code == 200, token.text
    listed = httpx.get(
        f"{mock_url}/api/v1/applications",
        params={"page": 1, "limit": 10},
        headers={"Authorization": f"Bearer {token.json()['access_token']}"},
    )
    assert listed.status_code == 200, listed.text
    assert "app-123" in [app["id"] for app in listed.json()["data"]]


def test_miso_conform_runs_against_the_mock(installed: Installed, mock_url: str) -> None:
    reports = installed.workdir / "reports"
    result = installed.miso(
        "conform",
        "--base-url", mock_url,
        "--client-id", DEV_CLIENT[0],
        "--client-secret", DEV_CLIENT[1],
        "--include-operation", "listEnvironments",
        "--phases", "examples",
        "--max-examples", "1",
        "--report-dir", str(reports),
        "--quiet",
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (reports / "junit.xml").is_file()


def test_miso_diff_compares_two_files_from_any_directory(installed: Installed) -> None:
    old = installed.workdir / "old.yaml"
    new = installed.workdir / "new.yaml"
    old.write_bytes(BUNDLE.read_bytes())
    text = BUNDLE.read_text(encoding="utf-8")
    assert "maxLength: 63" in text
    new.write_text(text.replace("maxLength: 63", "maxLength: 30"), encoding="utf-8")

    same = installed.miso("diff", "old.yaml", "old.yaml")
    assert same.returncode == 0, same.stdout + same.stderr
    changed = installed.miso("diff", "old.yaml", "new.yaml", "--format", "json")
    assert changed.returncode == 1, changed.stdout + changed.stderr
    assert "request-max-length-decreased" in changed.stdout


def test_miso_lint_takes_a_spec_file(installed: Installed) -> None:
    good = installed.workdir / "good.yaml"
    good.write_bytes(BUNDLE.read_bytes())
    assert installed.miso("lint", "--spec", "good.yaml").returncode == 0
    text = BUNDLE.read_text(encoding="utf-8")
    (installed.workdir / "bad.yaml").write_text(
        text.replace("operationId: listEnvironments", "operationId: list_environments"),
        encoding="utf-8",
    )
    bad = installed.miso("lint", "--spec", "bad.yaml")
    assert bad.returncode == 1, bad.stdout
    assert "list_environments" in bad.stdout


@pytest.mark.parametrize("command", ["bundle", "clients", "bench", "lint"])
def test_checkout_only_commands_say_they_need_a_clone(installed: Installed, command: str) -> None:
    result = installed.miso(command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "clone" in result.stderr
    assert "Traceback" not in result.stderr


def test_mock_reload_needs_a_clone(installed: Installed) -> None:
    result = installed.miso("mock", "--reload")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "clone" in result.stderr
