"""Public OpenAPI linters: Spectral (`spectral:oas`) and Redocly (`recommended`) on the bundle.

They are npm packages pinned in `tools/public-linters/` (package.json and its lock) and installed
with `npm ci` into the git-ignored `.tools/linters/`, so every machine runs the same versions.
Installing needs the npm registry; `make lint` does not run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ..paths import BUNDLE, REPO_ROOT

PINS_DIR = REPO_ROOT / "tools" / "public-linters"
INSTALL_DIR = REPO_ROOT / ".tools" / "linters"
SPECTRAL_RULESET = REPO_ROOT / ".spectral.yaml"
REDOCLY_CONFIG = REPO_ROOT / "redocly.yaml"
_PINNED = ("package.json", "package-lock.json")
# No telemetry, update checks or banners: the run must be quiet and reproducible.
_QUIET_ENV = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
    "NO_UPDATE_NOTIFIER": "1",
}


class InstallError(Exception):
    """npm is missing or `npm ci` failed; reported instead of a lint result."""


def _env() -> dict[str, str]:
    return {**os.environ, **_QUIET_ENV}


def _bin(name: str) -> Path:
    return INSTALL_DIR / "node_modules" / ".bin" / name


def installed() -> bool:
    """The pinned versions are in place: both binaries exist and the lock has not changed."""
    same = all(
        (INSTALL_DIR / name).is_file()
        and (INSTALL_DIR / name).read_bytes() == (PINS_DIR / name).read_bytes()
        for name in _PINNED
    )
    return same and _bin("spectral").exists() and _bin("redocly").exists()


def install() -> None:
    """`npm ci` the pinned linters into INSTALL_DIR unless they are already there."""
    if installed():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm not found: install Node.js 20.19+ to run the public linters")
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    for name in _PINNED:
        shutil.copyfile(PINS_DIR / name, INSTALL_DIR / name)
    command = [npm, "ci", "--prefix", str(INSTALL_DIR), "--ignore-scripts", "--no-audit"]
    result = subprocess.run([*command, "--no-fund"], env=_env(), check=False)
    if result.returncode != 0:
        raise InstallError(f"`npm ci` failed with exit code {result.returncode}")


def spectral(bundle: Path = BUNDLE) -> int:
    """Spectral's `spectral:oas` ruleset; fails on errors only, prints warnings."""
    command = [str(_bin("spectral")), "lint", str(bundle), "--ruleset", str(SPECTRAL_RULESET)]
    command += ["--fail-severity", "error"]
    return subprocess.run(command, env=_env(), check=False).returncode


def redocly(bundle: Path = BUNDLE) -> int:
    """Redocly's `recommended` ruleset (redocly.yaml); fails on errors only."""
    command = [str(_bin("redocly")), "lint", str(bundle), "--config", str(REDOCLY_CONFIG)]
    return subprocess.run(command, env=_env(), check=False, cwd=REPO_ROOT).returncode


def run_public_linters(bundle: Path = BUNDLE) -> int:
    """Install if needed, run both, and return 0 only when neither reports an error."""
    try:
        install()
    except InstallError as exc:
        print(f"miso lint --public: {exc}")
        return 1
    failed = []
    for name, linter in (("spectral", spectral), ("redocly", redocly)):
        print(f"--- {name} ---", flush=True)
        if linter(bundle) != 0:
            failed.append(name)
    if failed:
        print(f"miso lint --public: errors from {' and '.join(failed)}")
        return 1
    return 0
