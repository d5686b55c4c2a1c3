"""`miso lint`: everything that must hold before a change to the spec lands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from ..paths import BUNDLE, NO_SEEDS, SEEDS_DIR, SEEDS_ENV, SPEC_ROOT
from ._finding import Finding
from ._public import run_public_linters
from ._rules import contract_findings
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="miso lint", description=__doc__)
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
    failed: list[str] = []
    found = spec_findings(args.root, args.bundle, args.seeds)
    if args.seeds is None:
        print(f"miso lint: seed endpoints not compared: {NO_SEEDS}")
    for finding in found:
        print(finding)
    if found:
        failed.append(f"{len(found)} spec finding(s)")
    if not (args.spec_only or args.no_ruff) and run_ruff() != 0:
        failed.append("ruff")
    if not (args.spec_only or args.no_gate) and run_breaking_change_gate() != 0:
        failed.append("breaking-change gate")
    if args.public and run_public_linters(args.bundle) != 0:
        failed.append("public linters")
    if failed:
        print(f"miso lint: failed ({'; '.join(failed)})")
        return 1
    print("miso lint: ok")
    return 0
