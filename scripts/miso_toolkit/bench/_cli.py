"""`miso bench`: arguments, the report's destination, and what a quick smoke run skips."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..paths import REPO_ROOT
from . import _report, _revisions, _store_rows, _tools
from ._load import LoadError
from ._results import Config, targets
from ._run import run_bench
from ._servers import StartError
from ._tools import InstallError

# Rows that can be measured on their own (each takes a minute or two, not the whole run).
ONLY: dict[str, Callable[[], object]] = {
    "large-store": _store_rows.large_store,
    "shared-store": _store_rows.shared_store,
}
REPORT = REPO_ROOT / "docs" / "benchmarks.md"
QUICK_REPORT = REPO_ROOT / ".bench" / "quick.md"  # a smoke run never overwrites the real one
RESULTS_JSON = REPO_ROOT / ".bench" / "results.json"


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="miso bench",
        description="Benchmark `miso mock` against Stoplight Prism on the bundled spec: same "
        "requests, same concurrency, alternating rounds; medians, ratios and the targets.",
        epilog="Installs the pinned Prism and autocannon (tools/bench) into .bench/node with npm "
        "on first use. Exit code 0 when every target is met, 1 when one is not, 2 on error.",
    )
    p.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    p.add_argument("--duration", type=_positive, default=10.0, help="seconds per run (10)")
    p.add_argument("--connections", type=int, default=10, help="concurrent connections (10)")
    p.add_argument("--startup-runs", type=int, default=5, help="start-ups per server (5)")
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 round of 2 s, 1 start-up, no extra figures, report in .bench/",
    )
    p.add_argument("--no-extras", action="store_true", help="skip conformance and SDK figures")
    p.add_argument(
        "--only",
        choices=sorted(ONLY),
        help="measure just these figures of the mock's state and print them (no report)",
    )
    p.add_argument(
        "--against",
        metavar="REVISION",
        help="compare this checkout's mock with the mock at a git revision instead "
        "(alternating rounds of --rounds and --duration; prints medians, no report)",
    )
    p.add_argument("--report", type=Path, help=f"Markdown report (default {REPORT})")
    p.add_argument("--json", type=Path, default=RESULTS_JSON, help="raw runs as JSON")
    return p


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.only:
        try:
            _tools.install()  # autocannon drives the load
            ONLY[args.only]()
        except (InstallError, StartError, LoadError, RuntimeError) as exc:
            print(f"miso bench: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.against:
        config = Config(args.rounds, args.duration, args.connections, startup_runs=0)
        try:
            _revisions.commit_of(args.against)
            _tools.install()
            _revisions.compare_with(args.against, config)
        except (InstallError, StartError, LoadError, RuntimeError) as exc:
            print(f"miso bench: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.quick:
        config = Config(rounds=1, duration=2.0, connections=args.connections, startup_runs=1)
        config = dataclasses.replace(config, quick=True)
    else:
        config = Config(args.rounds, args.duration, args.connections, args.startup_runs)
    report = args.report or (QUICK_REPORT if args.quick else REPORT)
    try:
        result = run_bench(config, extras=not (args.quick or args.no_extras))
    except (InstallError, StartError, LoadError, RuntimeError) as exc:
        print(f"miso bench: {exc}", file=sys.stderr)
        return 2
    _report.write(result, report, args.json)
    print()
    print(_report.render_results(result))
    print(f"report: {report}")
    return 0 if all(t.passed for t in targets(result)) else 1
