"""Building the project's distributions and installing them where no checkout is in reach."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
from pathlib import Path

from tests.support.servers import REPO_ROOT


def copy_sources(source: Path, target: Path) -> Path:
    """A copy to build from, so a build leaves nothing (build/, *.egg-info) in the checkout."""
    ignore = shutil.ignore_patterns(
        ".venv*", "build", "dist", "*.egg-info", "__pycache__", "node_modules", ".*_cache"
    )
    shutil.copytree(source, target, ignore=ignore)
    return target


def build(source: Path, outdir: Path) -> tuple[Path, Path]:
    """`python -m build`: the sdist, then the wheel built from that sdist (so the sdist must be
    complete for the wheel to be); returns (wheel, sdist)."""
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = outdir.glob("*.whl")
    (sdist,) = outdir.glob("*.tar.gz")
    return wheel, sdist


def fresh_venv(path: Path, wheel: Path) -> Path:
    """A new venv with `wheel` installed in it; returns the venv's bin/.

    The wheel's dependencies are not downloaded again: the venv sees the ones this test run
    already has, through a path file (which puts no checkout code in reach: the editable
    installs' own path files are only read in a venv's own site-packages). What is under test is
    the wheel itself: its files, its entry point, its declared requirements (`pip check`).
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    python = path / "bin" / "python"
    probe = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(subprocess.check_output([str(python), "-c", probe], text=True).strip())
    (purelib / "_test_dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--no-deps", str(wheel)], check=True)
    subprocess.run([*pip, "check"], check=True, capture_output=True)
    return path / "bin"


__all__ = ["REPO_ROOT", "build", "copy_sources", "fresh_venv"]
