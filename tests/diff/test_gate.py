"""The lint gate: breaking changes against main need a major bump or an allowlist entry."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from miso_toolkit.diff import check_against_main, main
from miso_toolkit.diff.gate import load_allowlist, major

from .specs import commit_spec, git, obj, request, write_yaml

S: dict[str, Any] = {"type": "string"}
BASE = request(obj(a=S))
BREAKING = request(obj(["a"], a=S))  # request-property-became-required
POINTER = "/paths/~1items/post/requestBody/content/application~1json/schema/properties/a"


def gate(repo: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = check_against_main(repo, out=out)
    return code, out.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """`main` holds the base spec; a feature branch is checked out, its working tree editable."""
    git(tmp_path, "init", "-q", "-b", "main")
    commit_spec(tmp_path, BASE, "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    return tmp_path


def edit(repo: Path, document: dict[str, Any], version: str = "1.0.0") -> None:
    document = {**document, "info": {"title": "Miso", "version": version}}
    write_yaml(repo / "openapi" / "miso.yaml", document)


def allow(repo: Path, *entries: dict[str, str]) -> None:
    write_yaml(repo / "openapi" / "breaking-changes-allowlist.yaml", list(entries))


def main_commit(repo: Path) -> str:
    return git(repo, "rev-parse", "main")[:12]


def test_unchanged_spec_passes(repo: Path) -> None:
    expected = f"miso diff --gate: no breaking changes against main@{main_commit(repo)}\n"
    assert gate(repo) == (0, expected)


def test_breaking_change_fails(repo: Path) -> None:
    edit(repo, BREAKING)
    code, out = gate(repo)
    assert code == 1
    assert "request-property-became-required" in out and POINTER in out
    assert "1 unacknowledged breaking change(s)" in out


def test_committed_breaking_change_on_the_branch_fails_too(repo: Path) -> None:
    commit_spec(repo, BREAKING, "break")
    assert gate(repo)[0] == 1


def test_major_version_bump_acknowledges(repo: Path) -> None:
    edit(repo, BREAKING, version="2.0.0")
    code, out = gate(repo)
    assert code == 0
    assert "major version bump 1.0.0 -> 2.0.0" in out


def test_minor_version_bump_does_not(repo: Path) -> None:
    edit(repo, BREAKING, version="1.1.0")
    assert gate(repo)[0] == 1


def test_allowlist_entry_acknowledges(repo: Path) -> None:
    edit(repo, BREAKING)
    rule = "request-property-became-required"
    allow(repo, {"rule": rule, "pointer": POINTER, "reason": "a was always sent by every client"})
    code, out = gate(repo)
    assert code == 0
    assert out == (
        f"miso diff --gate: 1 breaking change(s) against main@{main_commit(repo)}, "
        "all acknowledged in the allowlist\n"
    )


def test_allowlist_pointer_may_use_wildcards(repo: Path) -> None:
    edit(repo, BREAKING)
    allow(
        repo,
        {"rule": "request-property-became-required", "pointer": "/paths/~1items/*", "reason": "r"},
    )
    assert gate(repo)[0] == 0


def test_allowlist_entry_for_another_rule_does_not(repo: Path) -> None:
    edit(repo, BREAKING)
    allow(repo, {"rule": "path-removed", "pointer": POINTER, "reason": "not this one"})
    assert gate(repo)[0] == 1


def test_allowlist_entry_without_reason_is_an_error(repo: Path) -> None:
    edit(repo, BREAKING)
    allow(repo, {"rule": "request-property-became-required", "pointer": POINTER})
    code, out = gate(repo)
    assert code == 2 and "missing reason" in out


def test_gate_stays_strict_on_our_spec(repo: Path) -> None:
    """`miso diff` reads anyone's spec leniently; the gate refuses ours when it is not valid."""
    document = request(obj(a=S))
    document["paths"]["/items"]["post"]["responses"]["200"] = {}  # no description
    write_yaml(repo / "openapi" / "miso.yaml", document)
    code, out = gate(repo)
    assert code == 2
    assert "openapi/miso.yaml#/paths/~1items/post/responses/200: " in out


def test_allowlist_parsing(tmp_path: Path) -> None:
    assert load_allowlist(tmp_path / "absent.yaml") == []
    (tmp_path / "empty.yaml").write_text("# comments only\n[]\n")
    assert load_allowlist(tmp_path / "empty.yaml") == []
    (tmp_path / "bad.yaml").write_text(
        yaml.safe_dump([{"rule": "nope", "pointer": "/", "reason": "x"}])
    )
    with pytest.raises(ValueError, match="unknown rule"):
        load_allowlist(tmp_path / "bad.yaml")


def test_checked_in_allowlist_is_valid() -> None:
    path = Path(__file__).parents[2] / "openapi" / "breaking-changes-allowlist.yaml"
    assert path.is_file()
    load_allowlist(path)


@pytest.mark.parametrize(
    ("version", "expected"), [("1.2.3", 1), ("v2", 2), ("10.0", 10), ("beta", None), (None, None)]
)
def test_major(version: str | None, expected: int | None) -> None:
    assert major(version) == expected


def test_no_main_branch_passes(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "trunk")
    commit_spec(tmp_path, BASE)
    edit(tmp_path, BREAKING)
    assert gate(tmp_path) == (0, "miso diff --gate: skipped (no main branch)\n")


def test_origin_main_is_used_when_there_is_no_local_main(repo: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "branch", "-q", "-D", "main")
    edit(repo, BREAKING)
    code, out = gate(repo)
    assert code == 1 and "origin/main@" in out


def test_no_history_passes(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    edit(tmp_path, BREAKING)
    assert gate(tmp_path) == (0, "miso diff --gate: skipped (no git history)\n")


def test_not_a_repository_passes(tmp_path: Path) -> None:
    assert gate(tmp_path)[0] == 0


def test_merge_base_without_a_spec_passes(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("x\n")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-q", "-m", "start")
    commit_spec(tmp_path, BASE)
    git(tmp_path, "checkout", "-q", "-b", "feature")
    git(tmp_path, "branch", "-q", "-f", "main", "HEAD~1")
    code, out = gate(tmp_path)
    assert code == 0 and "has no spec" in out


def test_cli_flag_runs_the_gate(repo: Path, capsys: Any) -> None:
    edit(repo, BREAKING)
    assert main(["--gate", "--repo", str(repo)]) == 1
    assert "unacknowledged" in capsys.readouterr().out
