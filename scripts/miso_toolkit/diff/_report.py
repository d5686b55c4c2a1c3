"""Rendering a list of changes for people (text, markdown) and for machines (json, junit)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from miso_contract import Problem

from ._change import Change
from .rules import RULES, Level


@dataclass(frozen=True)
class Report:
    """What every format needs: the changes, what was compared, and the failing level."""

    changes: Sequence[Change]
    base: str
    head: str
    fail_on: Level = Level.BREAKING
    # (side label, problem): what was not valid OpenAPI on either side; the diff went ahead
    problems: Sequence[tuple[str, Problem]] = ()

    def counts(self) -> dict[str, int]:
        return {
            level.label: sum(1 for c in self.changes if c.level is level)
            for level in sorted(Level, reverse=True)
        }

    def summary(self) -> str:
        counts = ", ".join(f"{n} {label}" for label, n in self.counts().items())
        return f"{self.base} -> {self.head}: {counts}"


def text(report: Report) -> str:
    """Two lines per change: level, rule and pointer, then what changed and why it matters."""
    lines = []
    for change in report.changes:
        lines.append(f"{change.level.label:<17} {change.rule}  {change.pointer}")
        context = f"{change.operation}: " if change.operation else ""
        lines.append(f"    {context}{change.message} ({RULES[change.rule].explanation})")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    document = {
        "base": report.base,
        "head": report.head,
        "fail_on": report.fail_on.label,
        "summary": report.counts(),
        "changes": [change.as_dict() for change in report.changes],
        "problems": [
            {"side": side, "file": p.file, "pointer": p.pointer, "message": p.message}
            for side, p in report.problems
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(report: Report) -> str:
    """A table for a pull-request comment."""
    lines = [f"### API changes: {_cell(report.base)} → {_cell(report.head)}", ""]
    if not report.changes:
        return "\n".join([*lines, "No changes.", ""])
    lines += ["| Level | Rule | Operation | Pointer | Change |", "|---|---|---|---|---|"]
    for c in report.changes:
        cells = [c.level.label, f"`{c.rule}`", c.operation, f"`{c.pointer}`", c.message]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    counts = ", ".join(f"{n} {label}" for label, n in report.counts().items())
    return "\n".join([*lines, "", counts, ""])


def junit(report: Report) -> str:
    """One test case per change; those at or above `--fail-on` fail, so CI shows them red."""
    failing = [c for c in report.changes if c.level >= report.fail_on]
    suite = ET.Element(
        "testsuite",
        name="miso diff",
        tests=str(len(report.changes)),
        failures=str(len(failing)),
        errors="0",
    )
    for change in report.changes:
        case = ET.SubElement(suite, "testcase", classname=change.rule, name=change.pointer)
        if change.level >= report.fail_on:
            failure = ET.SubElement(
                case, "failure", type=change.level.label, message=change.message
            )
            failure.text = f"{change.operation}: {RULES[change.rule].explanation}"
        else:
            ET.SubElement(case, "system-out").text = f"{change.level.label}: {change.message}"
    root = ET.Element("testsuites", name="miso diff")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
    "junit": junit,
}
