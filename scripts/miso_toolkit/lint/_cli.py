"""`miso lint`: everything that must hold before a change to the spec lands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..paths import BUNDLE, IN_CHECKOUT, NO_SEEDS, SEEDS_DIR, SEEDS_ENV, SPEC_ROOT
from ._finding import Finding
from ._public import run_public_linters
from ._rules import RULES, contract_findings
from ._source import SourceError, SplitSpec
from ._tools import run_breaking_change_gate, run_ruff
from ._validation import check_bundle_fresh, check_bundle_valid, check_split_valid


def spec_findings(
    root: Path = SPEC_ROOT, bundle: Path = BUNDLE, seeds_dir: Path | None = SEEDS_DIR
) -> list[Finding]:
    """Validity of the split spec and the bundle, the bundle's freshness, the contract rules."""
    try:
        spec = SplitSpec.load(root)
    except SourceError as exc:
        return [Finding(root.name, "", str(exc), "spec-valid")]
    found, bundled = check_split_valid(spec)
    found += check_bundle_valid(spec, bundle)
    if bundled is not None:
        found += check_bundle_fresh(spec, bundle, bundled)
    found += contract_findings(spec, seeds_dir)
    return sorted(set(found))


def file_findings(spec_file: Path) -> list[Finding]:
    """Any spec file, split or bundled, on its own: OpenAPI validity and the contract rules
    (not this repository's bundle or seed mapping)."""
    try:
        spec = SplitSpec.load(spec_file)
    except SourceError as exc:
        return [Finding(spec_file.name, "", str(exc), "spec-valid")]
    found, _ = check_split_valid(spec)
    found += [finding for rule in RULES.values() for finding in rule(spec)]
    return sorted(set(found))


def _print_findings(found: list[Finding]) -> list[str]:
    """Print each finding; what failed, for the closing line."""
    for finding in found:
        print(finding)
    return [f"{len(found)} spec finding(s)"] if found else []


def _close(failed: list[str]) -> int:
    if failed:
        print(f"miso lint: failed ({'; '.join(failed)})")
        return 1
    print("miso lint: ok")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="miso lint", description=__doc__)
    parser.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help="lint this spec file alone (validity and the contract rules), from any directory",
    )
    parser.add_argument("--root", type=Path, default=SPEC_ROOT, help="split spec root")
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="the bundle to check")
    parser.add_argument(
        "--seeds",
        type=Path,
        default=SEEDS_DIR,
        help=f"the API reference documents, to compare the spec with (default: ${SEEDS_ENV}, "
        "or ../shared/seeds when present; without them that comparison is skipped)",
    )
    parser.add_argument(
        "--spec-only", action="store_true", help="only the spec checks: no ruff, no diff gate"
    )
    parser.add_argument("--no-ruff", action="store_true", help="skip ruff check/format")
    parser.add_argument("--no-gate", action="store_true", help="skip the breaking-change gate")
    parser.add_argument(
        "--public",
        action="store_true",
        help="also run Spectral and Redocly on the bundle (installs them with npm)",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    if args.spec is not None:
        return _close(_print_findings(file_findings(args.spec)))
    if not IN_CHECKOUT and args.root == SPEC_ROOT:
        print(
            "miso lint: without --spec it checks this repository's split spec, and this miso is "
            "not running from a clone of it: pass --spec FILE to lint a spec file",
            file=sys.stderr,
        )
        return 2
    if args.seeds is None:
        print(f"miso lint: seed endpoints not compared: {NO_SEEDS}")
    failed = _print_findings(spec_findings(args.root, args.bundle, args.seeds))
    if not (args.spec_only or args.no_ruff) and run_ruff() != 0:
        failed.append("ruff")
    if not (args.spec_only or args.no_gate) and run_breaking_change_gate() != 0:
        failed.append("breaking-change gate")
    if args.public and run_public_linters(args.bundle) != 0:
        failed.append("public linters")
    return _close(failed)
