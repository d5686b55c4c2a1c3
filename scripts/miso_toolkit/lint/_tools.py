"""The Python-side checks lint also runs: ruff, and the breaking-change gate of `miso diff`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..paths import REPO_ROOT


def ruff_bin() -> Path:
    """The ruff installed beside this interpreter (the venv's), not whatever is on PATH."""
    return Path(sys.executable).with_name("ruff")


def run_ruff(repo_root: Path = REPO_ROOT) -> int:
    """`ruff check` and `ruff format --check` over the repository, as configured there."""
    ruff = ruff_bin()
    if not ruff.exists():
        print(f"miso lint: {ruff} not found: install the dev extra (`make install`)")
        return 1
    status = 0
    for args in (["check", "--quiet"], ["format", "--check", "--quiet"]):
        result = subprocess.run([str(ruff), *args, "."], cwd=repo_root, check=False)
        status = status or result.returncode
    return status


def run_breaking_change_gate(repo_root: Path = REPO_ROOT) -> int:
    """The breaking-change gate: unacknowledged breaking changes against `main` fail lint."""
    from ..diff import check_against_main  # late: only this check needs the diff package

    return check_against_main(repo_root)
