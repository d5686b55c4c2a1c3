"""Loading one side of a diff: a spec file, or the spec as it was at a git revision.

Either way the split files are resolved into one document with internal `#/components/...`
refs kept, by `miso bundle`'s own loader, so both sides compare like for like.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import miso_contract

from ..paths import REPO_ROOT, SPEC_ROOT

SPEC_IN_REPO = PurePosixPath(SPEC_ROOT.relative_to(REPO_ROOT).as_posix())


class LoadError(Exception):
    """A side could not be read; the command reports it and exits with 2."""


class MissingSpec(LoadError):
    """The revision predates the spec; the lint gate treats this as "nothing to compare"."""


@dataclass(frozen=True)
class Loaded:
    """A resolved spec and a short label saying where it came from, for reports."""

    label: str
    spec: dict[str, Any]


def resolve_file(path: Path) -> dict[str, Any]:
    """Resolve a (possibly split) spec file into one document, keeping internal refs."""
    if not path.is_file():
        raise LoadError(f"{path}: no such spec file")
    root = path.resolve()
    try:
        spec = dict(miso_contract.load(root, strict=True, base=root.parent).document)
    except miso_contract.ContractError as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise LoadError(f"{path}: {first_line}") from exc
    if not isinstance(spec, dict):
        raise LoadError(f"{path}: not an OpenAPI document")
    return spec


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git; without git installed every revision is simply unknown (exit 127)."""
    command = ["git", "-C", str(repo), *args]
    try:
        return subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        return subprocess.CompletedProcess(command, 127, b"", b"git: command not found")


def revision_commit(repo: Path, rev: str) -> str | None:
    """The commit a revision names in `repo`, or None if it names none."""
    result = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    return result.stdout.decode().strip() if result.returncode == 0 else None


def merge_base(repo: Path, rev: str, other: str = "HEAD") -> str | None:
    """The best common ancestor of two revisions, or None if they share no history."""
    result = _git(repo, "merge-base", other, rev)
    return result.stdout.decode().strip() if result.returncode == 0 else None


def load_revision(repo: Path, rev: str, spec: PurePosixPath = SPEC_IN_REPO) -> dict[str, Any]:
    """Resolve the spec as committed at `rev`, from a temporary copy of its directory."""
    commit = revision_commit(repo, rev)
    if commit is None:
        raise LoadError(f"{rev}: neither a spec file nor a git revision of {repo}")
    if _git(repo, "cat-file", "-e", f"{commit}:{spec}").returncode != 0:
        raise MissingSpec(f"revision {rev} has no {spec}")
    tree = spec.parent.as_posix()
    archive = _git(repo, "archive", "--format=tar", commit, *([] if tree == "." else ["--", tree]))
    if archive.returncode != 0:
        raise LoadError(f"revision {rev}: git archive failed: {archive.stderr.decode().strip()}")
    with tempfile.TemporaryDirectory(prefix="miso-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        try:
            return resolve_file(Path(tmp, spec))
        except LoadError as exc:  # name the revision, not the temporary directory
            raise LoadError(f"revision {rev}: {str(exc).split(': ', 1)[-1]}") from exc


def load_side(arg: str, repo: Path = REPO_ROOT) -> Loaded:
    """A side named on the command line: an existing file wins over a revision of that name."""
    path = Path(arg)
    if path.exists():
        return Loaded(str(path), resolve_file(path))
    return Loaded(arg, load_revision(repo, arg))


def load_working_tree(repo: Path = REPO_ROOT) -> Loaded:
    """The spec as it is on disk now, uncommitted edits included."""
    return Loaded("working tree", resolve_file(repo / Path(SPEC_IN_REPO)))
