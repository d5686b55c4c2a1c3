"""The command's contract: formats, `--fail-on` and exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from miso_toolkit.diff import main

from .specs import get, obj, operation, request, spec, write_yaml

S: dict[str, Any] = {"type": "string"}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    """Two breaking changes (an operation removed, a property made required), one possibly
    breaking (a property removed) and one info (an operation added)."""
    base = request(obj(a=S, b=S))
    base["paths"]["/old"] = {"get": operation("listOld")}
    head = request(obj(["a"], a=S))
    head["paths"]["/new"] = {"get": operation("listNew")}
    base_file, head_file = tmp_path / "base.yaml", tmp_path / "head.yaml"
    return str(write_yaml(base_file, base)), str(write_yaml(head_file, head))


def run(capsys: Any, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_text(pair: tuple[str, str], capsys: Any) -> None:
    code, out = run(capsys, *pair)
    assert code == 1
    assert "breaking          path-removed  /paths/~1old/get" in out
    assert out.rstrip().endswith("2 breaking, 1 possibly-breaking, 1 info")


def test_json(pair: tuple[str, str], capsys: Any) -> None:
    _, out = run(capsys, *pair, "--format", "json")
    report = json.loads(out)
    assert report["summary"] == {"breaking": 2, "possibly-breaking": 1, "info": 1}
    assert {c["rule"] for c in report["changes"]} == {
        "path-removed",
        "request-property-became-required",
        "request-property-removed",
        "operation-added",
    }
    assert set(report["changes"][0]) == {"rule", "level", "operation", "pointer", "message"}


def test_markdown(pair: tuple[str, str], capsys: Any) -> None:
    _, out = run(capsys, *pair, "--format", "markdown")
    assert "| Level | Rule | Operation | Pointer | Change |" in out
    assert "| breaking | `path-removed` | GET /old | `/paths/~1old/get` |" in out


def test_markdown_without_changes(tmp_path: Path, capsys: Any) -> None:
    same = str(write_yaml(tmp_path / "same.yaml", get()))
    assert run(capsys, same, same, "--format", "markdown") == (
        0,
        f"### API changes: {same} → {same}\n\nNo changes.\n",
    )


def test_junit_has_a_failure_per_breaking_change(pair: tuple[str, str], capsys: Any) -> None:
    _, out = run(capsys, *pair, "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failed = [case.get("classname") for case in cases if case.find("failure") is not None]
    assert len(cases) == 4 and suite.get("failures") == "2"
    assert sorted(failed) == ["path-removed", "request-property-became-required"]


def test_junit_fails_possibly_breaking_too_when_asked(pair: tuple[str, str], capsys: Any) -> None:
    _, out = run(capsys, *pair, "--format", "junit", "--fail-on", "possibly-breaking")
    assert ET.fromstring(out).find("testsuite").get("failures") == "3"  # type: ignore[union-attr]


def test_output_file(pair: tuple[str, str], tmp_path: Path, capsys: Any) -> None:
    target = tmp_path / "report.json"
    assert run(capsys, *pair, "--format", "json", "-o", str(target)) == (1, "")
    assert json.loads(target.read_text())["summary"]["breaking"] == 2


@pytest.mark.parametrize(
    ("head", "fail_on", "expected"),
    [
        (request(obj(a=S, b=S)), "breaking", 0),  # nothing changed
        (request(obj(a=S, b=S, c=S)), "possibly-breaking", 0),  # info only
        (request(obj(a=S)), "breaking", 0),  # possibly breaking only
        (request(obj(a=S)), "possibly-breaking", 1),
        (request(obj(["a"], a=S, b=S)), "breaking", 1),
    ],
)
def test_exit_code_follows_fail_on(
    tmp_path: Path, capsys: Any, head: dict[str, Any], fail_on: str, expected: int
) -> None:
    base_file = write_yaml(tmp_path / "base.yaml", request(obj(a=S, b=S)))
    head_file = write_yaml(tmp_path / "head.yaml", head)
    assert main([str(base_file), str(head_file), "--fail-on", fail_on]) == expected


def test_usage_errors_exit_2(tmp_path: Path, capsys: Any) -> None:
    assert main([]) == 2
    assert main(["--format", "yaml", "x"]) == 2
    assert main(["--gate", "HEAD"]) == 2
    assert main([str(tmp_path / "missing.yaml"), str(tmp_path / "missing.yaml")]) == 2
    assert "miso diff" in capsys.readouterr().err


def test_dispatcher_reaches_the_command(tmp_path: Path, capsys: Any) -> None:
    from miso_toolkit.cli import main as miso

    same = str(write_yaml(tmp_path / "same.yaml", spec({})))
    assert miso(["diff", same, same]) == 0
