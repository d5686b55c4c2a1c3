"""Figures beside the comparison: conformance-run throughput and SDK regeneration time.

Both tools belong to other issues; when one is not there yet, its figure says so instead of
failing the benchmark.
"""

from __future__ import annotations

import importlib
import io
import subprocess
import sys
import time
from pathlib import Path

from ..paths import REPO_ROOT
from ._results import Extra
from ._servers import OURS, running

CONFORM_REPORTS = REPO_ROOT / ".bench" / "conform"


def conformance_throughput() -> Extra:
    """One `run_conformance` against a fresh `miso mock` over loopback HTTP, as CI runs it."""
    label = "conformance run (cases/s)"
    try:
        conform = importlib.import_module("miso_toolkit.conform")
        run_conformance = conform.run_conformance
        options_cls = conform.ConformOptions
    except (ImportError, AttributeError) as exc:
        return Extra(label, "pending", f"`miso conform` not available: {exc}")
    try:
        with running(OURS) as server:
            options = options_cls(
                base_url=server.base_url,
                client_id="miso-dev",
                client_secret="miso-dev-secret",
                progress=False,
                stream=io.StringIO(),
                report_dir=CONFORM_REPORTS,
            )
            result = run_conformance(options)
    except Exception as exc:  # the comparison is measured already; keep it
        return Extra(label, "failed", f"{type(exc).__name__}: {exc}")
    how = (
        f"`run_conformance` against a fresh `miso mock`, schemathesis.toml defaults: "
        f"{result.cases:,} cases in {result.wall_time:.1f} s, exit code {result.exit_code}"
    )
    return Extra(label, f"{result.cases_per_second:,.1f}", how)


def sdk_regeneration() -> Extra:
    """Wall time of `miso clients --check`: both SDKs regenerated into a scratch tree and
    compared, so the timing covers generation without touching checked-in files."""
    label = "SDK regeneration (s)"
    miso = str(Path(sys.executable).with_name("miso"))
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [miso, "clients", "--check"], cwd=REPO_ROOT, capture_output=True, check=False
        )
    except OSError as exc:
        return Extra(label, "pending", f"`miso clients` could not run: {exc}")
    seconds = time.perf_counter() - started
    outcome = {0: "no drift", 1: "drift reported"}.get(result.returncode, "failed")
    how = f"`miso clients --check` (Python + TypeScript): {outcome}"
    return Extra(label, f"{seconds:.1f}", how)
