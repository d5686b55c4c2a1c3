"""Loading one side of a diff: a spec file, or the spec as it was at a git revision.

Either way the document is read through the contract model, split files inlined and internal
`#/components/...` refs kept, so both sides compare like for like. `miso diff` reads leniently:
what can be diffed is diffed, and what is not valid OpenAPI comes back as problems (file and
JSON pointer) for the command to print as warnings. Only a side that cannot be parsed at all is
refused. The lint gate reads strictly, as `miso bundle` does.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import miso_contract
from miso_contract import Contract, ContractError, Problem

from ..paths import REPO_ROOT, SPEC_ROOT

SPEC_IN_REPO = PurePosixPath(SPEC_ROOT.relative_to(REPO_ROOT).as_posix())


class LoadError(Exception):
    """A side could not be read; the command reports it and exits with 2."""


class MissingSpec(LoadError):
    """The revision predates the spec; the lint gate treats this as "nothing to compare"."""


@dataclass(frozen=True)
class Loaded:
    """A side's contract and a short label saying where it came from, for reports."""

    label: str
    contract: Contract

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What is not valid OpenAPI on this side; the diff went ahead without it."""
        return self.contract.problems


def _unreadable(exc: ContractError, label: str) -> LoadError:
    details = "; ".join(str(p) if p.pointer else p.message for p in exc.problems)
    return LoadError(f"{label}: {details or 'unreadable document'}")


def load_file(path: Path, *, strict: bool = False, base: Path | None = None) -> Contract:
    """Read a (possibly split) spec file into a contract, keeping internal refs.

    Lenient by default: problems are kept on the contract. With `strict`, any problem is a
    `LoadError` (our own spec must be valid). `base` is the folder file names are shown from.
    """
    if not path.is_file():
        raise LoadError(f"{path}: no such spec file")
    shown_from = base if base is not None else Path.cwd()
    try:
        return miso_contract.load(path, strict=strict, base=shown_from.resolve())
    except ContractError as exc:
        raise _unreadable(exc, str(path)) from exc


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


def load_revision(
    repo: Path, rev: str, spec: PurePosixPath = SPEC_IN_REPO, *, strict: bool = False
) -> Contract:
    """Read the spec as committed at `rev`, from a temporary copy of its directory.

    File names in problems are relative to the repository, as a reader finds them at `rev`.
    """
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
            return load_file(Path(tmp, spec), strict=strict, base=Path(tmp))
        except LoadError as exc:  # name the revision, not the temporary directory
            raise LoadError(f"revision {rev}: {str(exc).split(': ', 1)[-1]}") from exc


def load_side(arg: str, repo: Path = REPO_ROOT) -> Loaded:
    """A side named on the command line: an existing file wins over a revision of that name."""
    path = Path(arg)
    if path.exists():
        return Loaded(str(path), load_file(path))
    return Loaded(arg, load_revision(repo, arg))


def load_working_tree(repo: Path = REPO_ROOT) -> Loaded:
    """The spec as it is on disk now, uncommitted edits included."""
    return Loaded("working tree", load_file(repo / Path(SPEC_IN_REPO), base=repo))
