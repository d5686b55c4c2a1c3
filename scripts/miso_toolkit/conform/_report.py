"""The end of a run, for people and for CI: a console summary per operation with every failure
(check, reproducing `curl`, response), and `junit.xml` plus `report.md` in the report directory.

Everything rendered here comes from `ConformanceResult`, whose strings were redacted when they
were collected; the writers redact once more so nothing new slips through.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree

from ._redact import Redactor
from ._results import EXIT_CONFORMING, EXIT_VIOLATIONS, ConformanceResult, Finding
from .rules import RuleOutcome

JUNIT_FILE = "junit.xml"
MARKDOWN_FILE = "report.md"
_VERDICTS = {
    EXIT_CONFORMING: "conforming",
    EXIT_VIOLATIONS: "violations found",
}


def verdict(result: ConformanceResult) -> str:
    return _VERDICTS.get(result.exit_code, "the run could not complete")


def _mode(result: ConformanceResult) -> str:
    return "writes allowed" if result.writes_allowed else "read-only (safe methods only)"


def _finding_text(index: int, finding: Finding) -> str:
    parts = [f"{index}. [{finding.check}] {finding.operation}: {finding.title}"]
    if finding.message.strip():
        parts.append(textwrap.indent(finding.message.strip(), "   "))
    parts.append("   Reproduce with:\n" + textwrap.indent(finding.curl.strip() or "-", "     "))
    if finding.response:
        parts.append("   Response received:\n" + textwrap.indent(finding.response, "     "))
    return "\n\n".join(parts)


def _rule_status(rule: RuleOutcome) -> str:
    if not rule.enabled:
        return "off"
    if rule.failed:
        return "FAIL"
    return "ok" if rule.examined else "idle"


def _rule_lines(result: ConformanceResult) -> list[str]:
    """The Miso checks, one line each: a check that examined nothing says why."""
    if not result.rules:
        return []
    width = max(len(rule.name) for rule in result.rules)
    out = ["", "Miso checks (the reference's rules)"]
    out.append(
        f"  {'STATUS':<7} {'CHECK':<{width}}  {'EXAMINED':>8} {'FAILED':>6} {'INCONCLUSIVE':>12}"
    )
    for rule in result.rules:
        out.append(
            f"  {_rule_status(rule):<7} {rule.name:<{width}}  {rule.examined:>8} {rule.failed:>6}"
            f" {rule.inconclusive:>12}  {rule.note or rule.explanation}"
        )
        out += [f"{'':>11}inconclusive: {why}" for why in rule.why_inconclusive]
    return out


def _live_lines(result: ConformanceResult) -> list[str]:
    """How the instance behaved, what the run kept its hands off, and what it covered."""
    out = []
    if result.health is not None:
        out.append(result.health.line())
    if result.guard is not None:
        g = result.guard
        put_back = len(g.restored) - len(g.failed)
        out.append(
            f"Pre-existing records protected: {g.redirected} writes sent to the run's own "
            f"resources instead ({g.created} created for them), {g.refused} to ids that name "
            f"nothing, {put_back} written and put back, {len(g.failed)} could not be put back"
        )
    if result.inventory is not None:
        inv = result.inventory
        state = "all still there, unchanged" if inv.intact else "NOT all intact"
        out.append(
            f"Records there before the run: {inv.records} in {inv.collections} collections, {state}"
        )
        out += [f"  MISSING {path}" for path in inv.missing]
        out += [f"  CHANGED {path} (by this run or another client)" for path in inv.changed]
        out += [f"  not listed: {why}" for why in inv.unlisted]
    if result.budget:
        out.append(result.budget)
    return out


def print_summary(result: ConformanceResult, stream: TextIO, redact: Redactor) -> None:
    out: list[str] = ["", "Summary per operation"]
    width = max((len(op.label) for op in result.operations), default=10)
    out.append(f"  {'STATUS':<7} {'OPERATION':<{width}}  {'CASES':>6} {'CHECKS':>7} {'FAILED':>6}")
    for op in result.operations:
        checks = op.checks_passed + op.checks_failed
        out.append(
            f"  {op.status:<7} {op.label:<{width}}  {op.cases:>6} {checks:>7} {op.findings:>6}"
        )
    out += _rule_lines(result)
    if result.findings:
        out += ["", f"Failures ({len(result.findings)})", ""]
        out += [_finding_text(i, f) + "\n" for i, f in enumerate(result.findings, 1)]
    if result.errors:
        out += ["", f"Errors ({len(result.errors)})"]
        out += [f"  - {error}" for error in result.errors]
    out += [f"Note: {note}" for note in result.notes]
    live = _live_lines(result)
    if live:
        out += ["", *live]
    if result.cleanup is not None:
        c = result.cleanup
        out += ["", f"Clean-up: {c.created} created, {c.deleted} removed, {len(c.leftovers)} left"]
        out += [
            f"  LEFT {left.resource} (from {left.source}): {left.reason}" for left in c.leftovers
        ]
    checks = ", ".join(sorted(result.failed_checks))
    out += [
        "",
        f"{result.cases} cases in {result.wall_time:.1f}s ({result.cases_per_second:.0f}/s), "
        f"{_mode(result)}, seed {result.seed}",
        f"Result: {verdict(result)} (exit {result.exit_code})"
        + (f"; failed checks: {checks}" if checks else ""),
    ]
    if result.report_dir is not None:
        out.append(
            f"Reports: {result.report_dir / JUNIT_FILE}, {result.report_dir / MARKDOWN_FILE}"
        )
    print(redact("\n".join(out)), file=stream, flush=True)


def write_reports(result: ConformanceResult, directory: Path, redact: Redactor) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / JUNIT_FILE).write_text(redact(junit_xml(result)), encoding="utf-8")
    (directory / MARKDOWN_FILE).write_text(redact(markdown(result)), encoding="utf-8")


def junit_xml(result: ConformanceResult) -> str:
    """One test case per operation; its failure names the broken checks and holds the details."""
    by_operation: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_operation.setdefault(finding.operation, []).append(finding)
    cases = []
    for op in result.operations:
        case = ElementTree.Element(
            "testcase", {"classname": "miso.conform", "name": op.label, "time": "0"}
        )
        findings = by_operation.get(op.label, [])
        if findings:
            failure = ElementTree.SubElement(
                case,
                "failure",
                {
                    "type": findings[0].check,
                    "message": ", ".join(_unique(f.check for f in findings)),
                },
            )
            failure.text = "\n\n".join(_finding_text(i, f) for i, f in enumerate(findings, 1))
        for error in op.errors:
            ElementTree.SubElement(case, "error", {"message": error[:200]}).text = error
        if not findings and not op.errors and not op.cases:
            reason = "; ".join(sorted(op.skipped)) or "not tested in this run"
            ElementTree.SubElement(case, "skipped", {"message": reason})
        cases.append(case)
    if result.cleanup is not None and result.cleanup.leftovers:
        case = ElementTree.Element("testcase", {"classname": "miso.conform", "name": "clean-up"})
        ElementTree.SubElement(
            case, "error", {"message": "resources left behind"}
        ).text = "\n".join(
            f"{left.resource} (from {left.source}): {left.reason}"
            for left in result.cleanup.leftovers
        )
        cases.append(case)
    rule_cases = _rule_cases(result)
    suites = ElementTree.Element("testsuites", _counts([*cases, *rule_cases], result.wall_time))
    suite = ElementTree.SubElement(
        suites, "testsuite", {"name": "miso conform", **_counts(cases, result.wall_time)}
    )
    suite.extend(cases)
    if rule_cases:
        checks = ElementTree.SubElement(
            suites, "testsuite", {"name": "miso checks", **_counts(rule_cases, 0.0)}
        )
        checks.extend(rule_cases)
    ElementTree.indent(suites)
    body = ElementTree.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _counts(cases: list[ElementTree.Element], seconds: float) -> dict[str, str]:
    return {
        "tests": str(len(cases)),
        "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
        "errors": str(sum(1 for c in cases if c.find("error") is not None)),
        "skipped": str(sum(1 for c in cases if c.find("skipped") is not None)),
        "time": f"{seconds:.3f}",
    }


def _rule_cases(result: ConformanceResult) -> list[ElementTree.Element]:
    """One test case per Miso check, so a CI server lists each rule's failures under its name;
    one that examined nothing is skipped, with the reason."""
    cases = []
    for rule in result.rules:
        case = ElementTree.Element(
            "testcase", {"classname": "miso.conform.checks", "name": rule.name, "time": "0"}
        )
        findings = [f for f in result.findings if f.check == rule.name]
        if findings:
            failure = ElementTree.SubElement(
                case,
                "failure",
                {"type": rule.name, "message": f"{rule.failed} of {rule.examined} responses"},
            )
            failure.text = "\n\n".join(_finding_text(i, f) for i, f in enumerate(findings, 1))
        elif not rule.enabled or not rule.examined:
            ElementTree.SubElement(case, "skipped", {"message": rule.note})
        cases.append(case)
    return cases


def markdown(result: ConformanceResult) -> str:
    lines = [
        "# Miso conformance report",
        "",
        f"- Target: `{result.base_url}` ({_mode(result)})",
        f"- Result: **{verdict(result)}** (exit code {result.exit_code})",
        f"- {result.cases} cases in {result.wall_time:.1f} s "
        f"({result.cases_per_second:.0f} cases/s), seed `{result.seed}`",
        "",
        "## Operations",
        "",
        "| status | operation | cases | checks | failed |",
        "|---|---|---:|---:|---:|",
    ]
    for op in result.operations:
        checks = op.checks_passed + op.checks_failed
        lines.append(f"| {op.status} | `{op.label}` | {op.cases} | {checks} | {op.findings} |")
    if result.rules:
        lines += [
            "",
            "## Miso checks",
            "",
            "The reference's rules, which a server can break while matching every schema.",
            "",
            "| status | check | what it checks | responses examined | failed | inconclusive |",
            "|---|---|---|---:|---:|---:|",
        ]
        for rule in result.rules:
            what = rule.explanation + (f" *({rule.note})*" if rule.note else "")
            if rule.why_inconclusive:
                what += " *(inconclusive: " + "; ".join(rule.why_inconclusive) + ")*"
            lines.append(
                f"| {_rule_status(rule)} | `{rule.name}` | {_cell(what)} "
                f"| {rule.examined} | {rule.failed} | {rule.inconclusive} |"
            )
    if result.findings:
        lines += ["", f"## Failures ({len(result.findings)})"]
        for index, f in enumerate(result.findings, 1):
            lines += [
                "",
                f"### {index}. `{f.check}`: {f.operation}",
                "",
                f"**{f.title}** (found in the {f.phase} phase)",
                "",
                "```text",
                f.message.strip(),
                "```",
                "",
                "Reproduce with:",
                "",
                "```sh",
                f.curl.strip(),
                "```",
            ]
            if f.response:
                lines += ["", "Response received:", "", "```http", f.response, "```"]
    if result.errors:
        lines += ["", "## Errors", ""] + [f"- {error}" for error in result.errors]
    if result.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in result.notes]
    live = _live_lines(result)
    if live:
        lines += ["", "## The instance and its data", "", "```text", *live, "```"]
    if result.cleanup is not None:
        c = result.cleanup
        lines += [
            "",
            "## Clean-up",
            "",
            f"{c.created} resources created, {c.deleted} removed, {len(c.leftovers)} left behind.",
        ]
        lines += [
            f"- `{left.resource}` (from `{left.source}`): {left.reason}" for left in c.leftovers
        ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a `|` (as in `field:asc|desc`) would end the cell."""
    return text.replace("|", "\\|")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
