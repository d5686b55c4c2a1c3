"""The pinned Node tools the benchmark runs: Stoplight Prism and the autocannon load generator.

They are pinned in `tools/bench/` (package.json and its lock) and installed with `npm ci` into
the git-ignored `.bench/node/`, so every machine compares against the same Prism with the same
load generator. Installing needs npm and the npm registry.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from ..paths import REPO_ROOT

PINS_DIR = REPO_ROOT / "tools" / "bench"
INSTALL_DIR = REPO_ROOT / ".bench" / "node"
DRIVER = PINS_DIR / "load.cjs"  # one autocannon run, driven with a JSON description
_PINNED = ("package.json", "package-lock.json")
# No telemetry (Prism's dependencies ship Scarf analytics), no update checks.
_QUIET_ENV = {
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
    "NO_UPDATE_NOTIFIER": "1",
}


class InstallError(Exception):
    """npm is missing or `npm ci` failed: the benchmark cannot run."""


def node_env() -> dict[str, str]:
    """The environment Node tools run in: quiet, and able to `require` the installed tools."""
    return {**os.environ, **_QUIET_ENV, "NODE_PATH": str(INSTALL_DIR / "node_modules")}


def bin_path(name: str) -> Path:
    return INSTALL_DIR / "node_modules" / ".bin" / name


def installed() -> bool:
    """The pinned versions are in place: the binaries exist and the lock has not changed."""
    same = all(
        (INSTALL_DIR / name).is_file()
        and (INSTALL_DIR / name).read_bytes() == (PINS_DIR / name).read_bytes()
        for name in _PINNED
    )
    return same and bin_path("prism").exists() and bin_path("autocannon").exists()


def install() -> None:
    """`npm ci` the pinned tools into INSTALL_DIR unless they are already there.

    `--ignore-scripts`: neither tool needs an install script, and Prism's would phone home.
    """
    if installed():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm not found: install Node.js 20+ to run the benchmark")
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    for name in _PINNED:
        shutil.copyfile(PINS_DIR / name, INSTALL_DIR / name)
    command = [npm, "ci", "--prefix", str(INSTALL_DIR), "--ignore-scripts", "--no-audit"]
    result = subprocess.run([*command, "--no-fund"], env=node_env(), check=False)
    if result.returncode != 0:
        raise InstallError(f"`npm ci` failed with exit code {result.returncode}")


def package_version(package: str) -> str:
    """The installed version of an npm package (what actually ran, not what was asked for)."""
    manifest = INSTALL_DIR / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return "not installed"


def node_version() -> str:
    node = shutil.which("node")
    if node is None:
        return "not installed"
    result = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"
