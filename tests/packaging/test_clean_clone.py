"""A clone with nothing beside it (no reference documents, no other checkout) collects every test
without an error and passes `miso lint`.

The clone is of the committed state (HEAD); its own packages are imported, not this checkout's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from miso_toolkit.paths import SEEDS_ENV

from tests.support.servers import REPO_ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (REPO_ROOT / ".git").exists(),
    reason="needs git and a git checkout to clone",
)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("alone") / "repo"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(REPO_ROOT), str(target)], check=True
    )
    assert not (target.parent / "shared").exists()
    return target


def _run(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run this venv's Python in the clone, importing the clone's packages."""
    env = {key: value for key, value in os.environ.items() if key != SEEDS_ENV}
    packages = [clone / "scripts", clone / "server", clone / "clients" / "python"]
    env["PYTHONPATH"] = os.pathsep.join(str(path) for path in packages)
    return subprocess.run(
        [sys.executable, *args], cwd=clone, env=env, capture_output=True, text=True, timeout=600
    )


def test_the_clone_imports_its_own_packages(clone: Path) -> None:
    result = _run(clone, "-c", "import miso_toolkit.paths as p; print(p.REPO_ROOT, p.SEEDS_DIR)")
    assert result.stdout.split() == [str(clone), "None"], result.stderr


def test_every_test_collects_in_a_clone_alone(clone: Path) -> None:
    result = _run(clone, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert "error" not in summary, summary
    collected = int(summary.split()[0])
    assert collected > 500, summary


def test_miso_lint_passes_in_a_clone_alone(clone: Path) -> None:
    result = _run(clone, "-m", "miso_toolkit.cli", "lint")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "seed endpoints not compared" in result.stdout
    assert str(clone.parent / "shared" / "seeds") in result.stdout
    assert result.stdout.rstrip().endswith("miso lint: ok")
