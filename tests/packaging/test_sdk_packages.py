"""The SDKs as people install them: the Python SDK's wheel and sdist, and the TypeScript SDK's
`npm pack` tarball, installed into a project of its own, where each whole program its README
shows runs against the mock.

The README programs talk to `http://127.0.0.1:8080` (`make mock`); the one change made before
they run is that URL's port, to the mock this test started on a free one.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.servers import REPO_ROOT, running_mock

from ._support import build, copy_sources

PYTHON_SDK = REPO_ROOT / "clients" / "python"
TYPESCRIPT_SDK = REPO_ROOT / "clients" / "typescript"
README_URL = "http://127.0.0.1:8080"
# A README block that is a whole program starts with a comment naming its file.
_PROGRAM = re.compile(
    r"```(?:javascript|js|ts)\n// (example\.(?:cjs|mjs|ts))\n(.*?)```", flags=re.DOTALL
)


def test_python_sdk_builds_a_typed_wheel_and_sdist(tmp_path: Path) -> None:
    source = copy_sources(PYTHON_SDK, tmp_path / "python")
    wheel, sdist = build(source, tmp_path / "dist")
    assert wheel.name == "aifabrix_miso_python-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"miso_client/py.typed", "miso_api_client/py.typed"} <= names
    assert "miso_client/_client.py" in names and "miso_api_client/client.py" in names
    assert not any(name.startswith(("templates/", "tests/")) for name in names), names
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("miso_client/py.typed") for name in archive.getnames())


# --- TypeScript ---------------------------------------------------------------------------------

needs_node = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None, reason="needs Node.js and npm"
)


def _npm(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["npm", *args, "--no-audit", "--no-fund"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def tarball(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`npm pack` of the SDK (its prepack step builds dist/ first)."""
    if not (TYPESCRIPT_SDK / "node_modules").is_dir():
        _npm("ci", cwd=TYPESCRIPT_SDK)
    outdir = tmp_path_factory.mktemp("npm-pack")
    packed = _npm("pack", "--json", "--pack-destination", str(outdir), cwd=TYPESCRIPT_SDK)
    return outdir / json.loads(packed)[0]["filename"]


@pytest.fixture(scope="module")
def project(tarball: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project outside the repository with the tarball installed, as its README says."""
    project = tmp_path_factory.mktemp("ts-project")
    (project / "package.json").write_text(
        json.dumps({"name": "sdk-readme-examples", "private": True, "type": "module"}),
        encoding="utf-8",
    )
    _npm("install", "--prefer-offline", str(tarball), cwd=project)
    return project


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with running_mock("--rate-limit", "100000/60") as url:
        yield url


def _programs() -> dict[str, str]:
    text = (TYPESCRIPT_SDK / "README.md").read_text(encoding="utf-8")
    return {name: code for name, code in _PROGRAM.findall(text)}


def test_the_readme_shows_the_three_programs() -> None:
    assert set(_programs()) == {"example.cjs", "example.mjs", "example.ts"}
    assert all(README_URL in code for code in _programs().values())


@needs_node
def test_the_tarball_has_both_entry_points(tarball: Path) -> None:
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        member = archive.extractfile("package/package.json")
        assert member is not None
        manifest = json.load(member)
    exports = manifest["exports"]["."]
    for condition in ("import", "require"):
        for kind in ("types", "default"):
            assert f"package/{exports[condition][kind].removeprefix('./')}" in names
    assert "package/dist/cjs/package.json" in names  # marks dist/cjs as CommonJS
    assert not any(name.startswith("package/test/") for name in names)


def _run_node(project: Path, script: str) -> str:
    result = subprocess.run(
        ["node", script], cwd=project, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@needs_node
@pytest.mark.parametrize("name", ["example.cjs", "example.mjs", "example.ts"])
def test_each_readme_program_runs_as_written(project: Path, mock_url: str, name: str) -> None:
    httpx.post(f"{mock_url}/_mock/reset").raise_for_status()
    code = _programs()[name].replace(README_URL, mock_url)
    (project / name).write_text(code, encoding="utf-8")
    script = name
    if name.endswith(".ts"):
        tsconfig = {
            "compilerOptions": {
                "module": "nodenext",
                "target": "es2022",
                "lib": ["es2022", "dom"],
                "types": [],
                "strict": True,
                "outDir": "out",
            },
            "files": [name],
        }
        (project / "tsconfig.json").write_text(json.dumps(tsconfig), encoding="utf-8")
        tsc = TYPESCRIPT_SDK / "node_modules" / ".bin" / "tsc"
        compiled = subprocess.run(
            [str(tsc), "-p", "tsconfig.json"], cwd=project, capture_output=True, text=True
        )
        assert compiled.returncode == 0, compiled.stdout + compiled.stderr
        script = "out/example.js"
    output = _run_node(project, script).split()
    if name == "example.cjs":
        total, app_id, status = output
        assert int(total) >= 1 and app_id.startswith("app-") and status == "pending"
    elif name == "example.mjs":
        assert output[:2] == ["app-123", "my-application"]
    else:
        app_id, status = output
        assert app_id.startswith("app-") and status
