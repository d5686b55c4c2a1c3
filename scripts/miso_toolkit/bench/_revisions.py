"""The mock of this checkout against the mock of an earlier git revision: did a change slow it?

Both run from their own source tree on this machine's installed dependencies (the revision is
checked out into a temporary git worktree), with the same requests, concurrency and duration,
in alternating rounds so that whatever else the machine does falls on both alike. Figures are
medians: requests per second and the server's CPU time per request (the steadier of the two
when the machine is busy).
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..paths import REPO_ROOT
from ._load import LoadResult, scenarios
from ._results import Config
from ._run import _drive, _token
from ._servers import UNLIMITED, RunningServer, ServerKind, start, stop

Say = Callable[[str], None]
THIS_CHECKOUT = "this checkout"


def _mock_from(tree: Path) -> Callable[[int], list[str]]:
    """`miso mock` run from the sources in `tree`, with this interpreter's packages."""

    def command(port: int) -> list[str]:
        path = f"{tree / 'server'}:{tree / 'scripts'}"
        code = "import sys; from miso_toolkit.cli import main; sys.exit(main())"
        return [
            "env",
            f"PYTHONPATH={path}",
            sys.executable,
            "-c",
            code,
            "mock",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--rate-limit",
            UNLIMITED,
            "--quiet",
        ]

    return command


def commit_of(revision: str) -> str:
    """The commit `revision` names in this repository; RuntimeError when it names none."""
    found = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise RuntimeError(f"{revision!r} names no commit in {REPO_ROOT}")
    return found.stdout.strip()


@contextlib.contextmanager
def _checked_out(revision: str) -> Iterator[Path]:
    """`revision` in a temporary worktree, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="miso-bench-") as scratch:
        tree = Path(scratch) / "tree"
        git = ["git", "-C", str(REPO_ROOT)]
        added = subprocess.run(
            [*git, "worktree", "add", "--detach", str(tree), revision],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode != 0:
            raise RuntimeError(f"cannot check out {revision}: {added.stderr.strip()}")
        try:
            yield tree
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=False)


def compare_with(revision: str, config: Config, say: Say = print) -> dict[str, dict[str, float]]:
    """Median req/s and CPU ms per request of both mocks for each request; the ratios are
    printed as this checkout over the revision (above 1 is faster, for req/s)."""
    with _checked_out(revision) as tree:
        kinds = [
            ServerKind("revision", revision, _mock_from(tree), stateful=True),
            ServerKind("checkout", THIS_CHECKOUT, _mock_from(REPO_ROOT), stateful=True),
        ]
        servers: dict[str, RunningServer] = {}
        runs: dict[tuple[str, str], list[LoadResult]] = {}
        try:
            for kind in kinds:
                servers[kind.key] = start(kind)
            tokens = {key: _token(server) for key, server in servers.items()}
            for scenario in scenarios():  # warm-up, not counted
                for kind in kinds:
                    _drive(servers[kind.key], scenario, tokens[kind.key], config, 2.0)
            for index in range(config.rounds):
                order = kinds if index % 2 == 0 else kinds[::-1]
                for scenario in scenarios():
                    for kind in order:
                        server = servers[kind.key]
                        run = _drive(server, scenario, tokens[kind.key], config, config.duration)
                        runs.setdefault((scenario.key, kind.key), []).append(run)
                        say(
                            f"round {index + 1}/{config.rounds} {scenario.title:<22} "
                            f"{kind.label:<14} {run.rps:8,.0f} req/s  "
                            f"cpu {run.cpu_ms_per_request:.3f} ms/req  errors {run.errors}"
                        )
        finally:
            for server in servers.values():
                stop(server.process)
    return _summarise(revision, runs, say)


def _summarise(
    revision: str, runs: dict[tuple[str, str], list[LoadResult]], say: Say
) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    say(f"\nmedians ({THIS_CHECKOUT} against {revision}):")
    for scenario in scenarios():
        before, after = runs[(scenario.key, "revision")], runs[(scenario.key, "checkout")]
        found = {
            "revision_rps": statistics.median(r.rps for r in before),
            "checkout_rps": statistics.median(r.rps for r in after),
            "revision_cpu_ms": statistics.median(r.cpu_ms_per_request for r in before),
            "checkout_cpu_ms": statistics.median(r.cpu_ms_per_request for r in after),
        }
        figures[scenario.key] = found
        say(
            f"{scenario.title:<22} {found['revision_rps']:8,.0f} -> {found['checkout_rps']:8,.0f}"
            f" req/s ({found['checkout_rps'] / found['revision_rps']:.2f}x); cpu "
            f"{found['revision_cpu_ms']:.3f} -> {found['checkout_cpu_ms']:.3f} ms/req "
            f"({found['checkout_cpu_ms'] / found['revision_cpu_ms']:.2f}x)"
        )
    return figures
