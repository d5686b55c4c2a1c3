"""`miso diff`: arguments, exit codes, and where the report goes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..paths import REPO_ROOT
from ._load import LoadError, load_side, load_working_tree
from ._report import FORMATS, Report
from ._walk import diff_specs
from .gate import check_against_main
from .rules import Level

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="miso diff",
        description="Report changes between two versions of the OpenAPI spec, worst first. "
        "Each side is a spec file or a git revision; HEAD defaults to the working tree.",
        epilog="Exit codes: 0 nothing at or above --fail-on, 1 found, 2 usage error or a side "
        "that cannot be parsed. Problems that do not stop the diff (a document that is not "
        "quite valid OpenAPI) are printed as warnings, each with its file and JSON pointer.",
    )
    parser.add_argument("base", nargs="?", metavar="BASE", help="spec file or git revision")
    parser.add_argument("head", nargs="?", metavar="HEAD", help="spec file or git revision")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument(
        "--fail-on",
        choices=[Level.BREAKING.label, Level.POSSIBLY_BREAKING.label],
        default=Level.BREAKING.label,
        help="exit 1 when a change at or above this level is found (default: breaking)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report here, not stdout")
    parser.add_argument(
        "--repo", type=Path, default=REPO_ROOT, help="git repository revisions are read from"
    )
    parser.add_argument(
        "--gate",
        action="store_true",
        help="lint mode: compare the merge base with --branch to the working tree; breaking "
        "changes need a major info.version bump or an allowlist entry",
    )
    parser.add_argument("--branch", default="main", help="the branch --gate compares with")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code rather than exiting, so tests can call it."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0)
    if args.gate:
        if args.base or args.head:
            print("miso diff: --gate takes no BASE or HEAD", file=sys.stderr)
            return EXIT_ERROR
        return check_against_main(args.repo, branch=args.branch)
    if not args.base:
        parser.print_usage(sys.stderr)
        print("miso diff: BASE is required (or use --gate)", file=sys.stderr)
        return EXIT_ERROR
    try:
        base = load_side(args.base, args.repo)
        head = load_side(args.head, args.repo) if args.head else load_working_tree(args.repo)
    except LoadError as exc:
        print(f"miso diff: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for side in (base, head):
        for problem in side.problems:
            where = "" if problem.file == side.label else f"{side.label}: "
            print(f"miso diff: warning: {where}{problem}", file=sys.stderr)
    fail_on = Level.parse(args.fail_on)
    problems = [(side.label, problem) for side in (base, head) for problem in side.problems]
    changes = diff_specs(base.contract, head.contract)
    report = Report(changes, base.label, head.label, fail_on, problems)
    rendered = FORMATS[args.format](report)
    if args.output:
        args.output.write_text(rendered, encoding="utf-8")
    else:
        sys.stdout.write(rendered)
    return EXIT_FOUND if any(c.level >= fail_on for c in report.changes) else EXIT_OK
