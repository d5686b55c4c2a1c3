"""What a proxy session saw: one console line per violation as it happens, and at the end
the same `ConformanceResult` a conformance run produces, so `junit.xml` and `report.md` are
written by the same code."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TextIO

from ..conform._redact import Redactor
from ..conform._report import print_summary, write_reports
from ..conform._results import (
    EXIT_CONFORMING,
    EXIT_VIOLATIONS,
    ConformanceResult,
    Finding,
    OperationSummary,
)
from ..conform.rules import RuleOutcome
from ._checks import Judgement


class Session:
    def __init__(
        self,
        upstream: str,
        operations: list[str],
        stream: TextIO,
        redact: Redactor,
        report_dir: Path | None,
    ) -> None:
        self.upstream = upstream
        self.stream = stream
        self.redact = redact
        self.report_dir = report_dir
        self.started = time.perf_counter()
        self.operations = {label: OperationSummary(label) for label in operations}
        self.findings: list[Finding] = []
        self.violations = 0
        self.exchanges = 0
        self.unjudged = 0
        self.overloaded = 0
        self.errors: list[str] = []
        self._seen: set[tuple[str, str, str]] = set()
        self._lock = threading.Lock()

    def record(self, method: str, target: str, judgement: Judgement) -> None:
        """Count the exchange, print each violation as one line, keep distinct findings."""
        with self._lock:
            self.exchanges += 1
            if judgement.label is None:
                self.unjudged += 1
                return
            summary = self.operations.setdefault(judgement.label, OperationSummary(judgement.label))
            summary.cases += 1
            summary.checks_passed += judgement.passed
            summary.checks_failed += len(judgement.findings)
            for finding in judgement.findings:
                self.violations += 1
                line = (
                    f"VIOLATION {finding.operation} [{finding.check}] {method} {target} -> "
                    f"{finding.status}: {finding.title}"
                )
                print(self.redact(line), file=self.stream, flush=True)
                key = (finding.operation, finding.check, finding.title)
                if key not in self._seen:
                    self._seen.add(key)
                    summary.findings += 1
                    self.findings.append(finding)

    def unjudged_for_load(self, method: str, target: str) -> None:
        """An exchange forwarded while the checks were too far behind to take it."""
        with self._lock:
            self.exchanges += 1
            self.overloaded += 1

    def error(self, message: str) -> None:
        with self._lock:
            self.errors.append(self.redact(message))
        print(self.redact(f"miso proxy: {message}"), file=self.stream, flush=True)

    def result(self, rules: tuple[RuleOutcome, ...]) -> ConformanceResult:
        with self._lock:
            notes = [
                f"{self.exchanges} exchanges seen through the proxy, {self.violations} "
                f"violations ({len(self.findings)} distinct), {self.unjudged} on paths or "
                "methods the contract does not document (forwarded, not judged)"
            ]
            if self.overloaded:
                notes.append(
                    f"{self.overloaded} exchanges forwarded unjudged: the checks were too far "
                    "behind the traffic"
                )
            return ConformanceResult(
                exit_code=EXIT_VIOLATIONS if self.findings else EXIT_CONFORMING,
                base_url=self.upstream,
                writes_allowed=True,
                cases=self.exchanges,
                wall_time=time.perf_counter() - self.started,
                findings=tuple(self.findings),
                operations=tuple(self.operations.values()),
                errors=tuple(self.errors),
                notes=tuple(notes),
                cleanup=None,
                report_dir=self.report_dir,
                seed=None,
                rules=rules,
            )

    def finish(self, rules: tuple[RuleOutcome, ...]) -> ConformanceResult:
        result = self.result(rules)
        if self.report_dir is not None:
            write_reports(result, self.report_dir, self.redact)
        print_summary(result, self.stream, self.redact)
        return result
