"""The lint gate: a breaking change against `main` must be acknowledged on purpose.

Two ways to acknowledge one: bump the major component of `info.version` (the whole release
is declared incompatible), or list the change in `openapi/breaking-changes-allowlist.yaml`
with a reason (one deliberate break, explained where reviewers will read it).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..paths import REPO_ROOT
from ._change import Change
from ._load import (
    SPEC_IN_REPO,
    LoadError,
    MissingSpec,
    load_file,
    load_revision,
    merge_base,
    revision_commit,
)
from ._report import Report, text
from ._walk import diff_specs
from .rules import RULES, Level

ALLOWLIST_IN_REPO = SPEC_IN_REPO.parent / "breaking-changes-allowlist.yaml"


class AllowlistError(ValueError):
    """The allowlist is malformed; the gate refuses to guess what it meant."""


@dataclass(frozen=True)
class Acknowledgement:
    """One allowlist entry. `pointer` may use shell wildcards (`*`) to cover many operations."""

    rule: str
    pointer: str
    reason: str

    def covers(self, change: Change) -> bool:
        return change.rule == self.rule and fnmatchcase(change.pointer, self.pointer)


def load_allowlist(path: Path) -> list[Acknowledgement]:
    """Read the allowlist; a missing file is an empty list, an entry without reason an error."""
    if not path.is_file():
        return []
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AllowlistError(f"{path}: not valid YAML: {exc}") from exc
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise AllowlistError(f"{path}: expected a list of entries")
    found = []
    for index, entry in enumerate(entries):
        where = f"{path}: entry {index + 1}"
        if not isinstance(entry, dict):
            raise AllowlistError(f"{where}: expected a mapping with rule, pointer and reason")
        fields = {key: entry.get(key) for key in ("rule", "pointer", "reason")}
        missing = [key for key, value in fields.items() if not isinstance(value, str) or not value]
        if missing:
            raise AllowlistError(f"{where}: missing {', '.join(missing)}")
        if fields["rule"] not in RULES:
            raise AllowlistError(f"{where}: unknown rule {fields['rule']!r}")
        found.append(Acknowledgement(entry["rule"], entry["pointer"], entry["reason"]))
    return found


def major(version: Any) -> int | None:
    """The major component of `info.version` (`2.1.0` -> 2, `v3` -> 3), or None if it has none."""
    match = re.match(r"\s*v?(\d+)", str(version)) if version is not None else None
    return int(match.group(1)) if match else None


def _merge_base(repo: Path, branch: str) -> tuple[str | None, str]:
    """The merge base of HEAD with `branch` (or `origin/<branch>`), or None and why not."""
    if revision_commit(repo, "HEAD") is None:
        return None, "no git history"
    for candidate in (branch, f"origin/{branch}"):
        if revision_commit(repo, candidate) is not None:
            commit = merge_base(repo, candidate)
            return commit, candidate if commit else f"HEAD shares no history with {candidate}"
    return None, f"no {branch} branch"


def check_against_main(
    repo_root: Path = REPO_ROOT,
    *,
    branch: str = "main",
    allowlist: Path | None = None,
    today: dt.date | None = None,
    out: TextIO | None = None,
) -> int:
    """Diff the spec at the merge base with `branch` against the working tree.

    Returns 0 when there is nothing to compare or every breaking change is acknowledged,
    1 when one is not, 2 when a spec or the allowlist cannot be read.
    """
    out = out or sys.stdout
    base_commit, why = _merge_base(repo_root, branch)
    if base_commit is None:
        print(f"miso diff --gate: skipped ({why})", file=out)
        return 0
    try:
        # Strict on both sides: our own spec must be valid OpenAPI, as `miso bundle` demands.
        base = load_revision(repo_root, base_commit, strict=True)
        head = load_file(repo_root / Path(SPEC_IN_REPO), strict=True, base=repo_root)
        acknowledged = load_allowlist(repo_root / Path(allowlist or ALLOWLIST_IN_REPO))
    except MissingSpec:
        print(f"miso diff --gate: skipped (merge base with {why} has no spec)", file=out)
        return 0
    except (LoadError, AllowlistError) as exc:
        print(f"miso diff --gate: {exc}", file=out)
        return 2
    label = f"{why}@{base_commit[:12]}"
    breaking = [c for c in diff_specs(base, head, today=today) if c.level is Level.BREAKING]
    if not breaking:
        print(f"miso diff --gate: no breaking changes against {label}", file=out)
        return 0
    old_version = (base.document.get("info") or {}).get("version")
    new_version = (head.document.get("info") or {}).get("version")
    old_major, new_major = major(old_version), major(new_version)
    if old_major is not None and new_major is not None and new_major > old_major:
        print(
            f"miso diff --gate: {len(breaking)} breaking change(s) against {label}, "
            f"acknowledged by the major version bump {old_version} -> {new_version}",
            file=out,
        )
        return 0
    open_changes = [c for c in breaking if not any(a.covers(c) for a in acknowledged)]
    if not open_changes:
        print(
            f"miso diff --gate: {len(breaking)} breaking change(s) against {label}, "
            "all acknowledged in the allowlist",
            file=out,
        )
        return 0
    out.write(text(Report(open_changes, label, "working tree")))
    print(
        f"miso diff --gate: {len(open_changes)} unacknowledged breaking change(s). Bump the major "
        f"version of info.version, or add rule/pointer/reason entries to {ALLOWLIST_IN_REPO}.",
        file=out,
    )
    return 1
