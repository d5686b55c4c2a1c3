"""What a run found, gathered from Schemathesis's engine events into plain data.

Reports and the exit code are built from these records only, never from Schemathesis
objects, so they stay stable when its internals move and every string in them has been
through the redactor once.
"""

from __future__ import annotations

import http
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemathesis.core.errors import NoLinksFound
from schemathesis.engine import Status, StopReason, events

from ._cleanup import CleanupReport
from ._redact import Redactor
from .rules import RuleOutcome

EXIT_CONFORMING, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
BODY_EXCERPT_CHARS = 2000
RUN_LABEL = "(whole run)"


@dataclass(frozen=True)
class Finding:
    """One distinct contract violation: which check, where, how to reproduce it, what came back."""

    operation: str
    check: str
    title: str
    message: str
    curl: str
    status: int | None
    response: str
    phase: str


@dataclass
class OperationSummary:
    label: str
    cases: int = 0
    checks_passed: int = 0
    checks_failed: int = 0
    findings: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        if self.findings:
            return "FAIL"
        if self.errors:
            return "ERROR"
        if self.cases:
            return "ok"
        return "skipped"


@dataclass(frozen=True)
class ConformanceResult:
    """The outcome of one `miso conform` run; `miso bench` reads `cases` and `wall_time`."""

    exit_code: int
    base_url: str
    writes_allowed: bool
    cases: int
    wall_time: float
    findings: tuple[Finding, ...]
    operations: tuple[OperationSummary, ...]
    errors: tuple[str, ...]
    notes: tuple[str, ...]
    cleanup: CleanupReport | None
    report_dir: Path | None
    seed: int | None
    # Each Miso check: its explanation and how many responses it examined and failed.
    rules: tuple[RuleOutcome, ...] = ()

    @property
    def conforming(self) -> bool:
        return self.exit_code == EXIT_CONFORMING

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.wall_time if self.wall_time > 0 else 0.0

    @property
    def failed_checks(self) -> set[str]:
        return {finding.check for finding in self.findings}


class Collector:
    """Turns engine events into findings and per-operation tallies as they arrive."""

    def __init__(self, redact: Redactor, operations: list[str]) -> None:
        self.redact = redact
        self.started = time.perf_counter()
        self.operations = {label: OperationSummary(label) for label in operations}
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.fatal: str | None = None
        self.stop_reason: StopReason | None = None
        self.cases = 0
        self._seen: set[tuple[str, Any]] = set()

    def summary(self, label: str) -> OperationSummary:
        return self.operations.setdefault(label, OperationSummary(label))

    def on_event(self, event: events.EngineEvent) -> None:
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            self._on_scenario(event)
        elif isinstance(event, events.NonFatalError) and isinstance(event.value, NoLinksFound):
            # The selected operations (read-only, --include-operation) hold no linked pair:
            # there is nothing for the stateful phase to do, which is not a failure.
            self.notes.append("stateful phase skipped: no links among the selected operations")
        elif isinstance(event, events.NonFatalError):
            message = self.redact(f"{event.label}: {event.info.title}: {event.info.message}")
            self.errors.append(message)
            if event.related_to_operation:
                self.summary(event.label).errors.append(message)
        elif isinstance(event, events.FatalError):
            self.fatal = self.redact(f"{type(event.exception).__name__}: {event.exception}")
            self.errors.append(self.fatal)
        elif isinstance(event, events.EngineFinished):
            self.stop_reason = event.stop_reason
            for failure in event.failures:
                self._add(RUN_LABEL, type(failure).__name__, failure, "", None, "after run")

    def _on_scenario(self, event: events.ScenarioFinished) -> None:
        recorder = event.recorder
        if event.status == Status.SKIP and event.skip_reason and event.label:
            self.summary(event.label).skipped.add(event.skip_reason)
        self.cases += len(recorder.cases)
        for case_id, node in recorder.cases.items():
            summary = self.summary(node.value.operation.label)
            summary.cases += 1
            for check in recorder.checks.get(case_id, []):
                if check.status == Status.SUCCESS:
                    summary.checks_passed += 1
                elif check.status == Status.FAILURE and check.failure_info is not None:
                    summary.checks_failed += 1
                    info = check.failure_info
                    failing_id = info.failure.case_id or case_id
                    interaction = recorder.interactions.get(failing_id)
                    response = interaction.response if interaction is not None else None
                    curl = "\n".join(step.curl for step in info.steps) or info.code_sample
                    label = node.value.operation.label
                    self._add(label, check.name, info.failure, curl, response, event.phase.value)

    def _add(
        self, label: str, check: str, failure: Any, curl: str, response: Any, phase: str
    ) -> None:
        key = (check, failure)
        if key in self._seen:
            return
        self._seen.add(key)
        self.summary(label).findings += 1
        self.findings.append(
            Finding(
                operation=label,
                check=check,
                title=self.redact(failure.title),
                message=self.redact(failure.message or ""),
                curl=self.redact(curl),
                status=response.status_code if response is not None else None,
                response=self.redact(render_response(response)) if response is not None else "",
                phase=phase,
            )
        )

    def exit_code(self) -> int:
        """1 for violations; 2 when the run could not do its job; 0 otherwise."""
        if self.fatal is not None:
            return EXIT_ERROR
        if self.findings:
            return EXIT_VIOLATIONS
        unfinished = self.stop_reason not in (StopReason.COMPLETED, StopReason.MAX_TIME)
        return EXIT_ERROR if self.errors or unfinished else EXIT_CONFORMING


def render_response(response: Any) -> str:
    """Status line, headers and the start of the body, as a person reads them."""
    reason = response.message or _reason(response.status_code)
    lines = [f"HTTP {response.status_code} {reason}".rstrip()]
    for name, values in response.headers.items():
        lines.extend(f"{name}: {value}" for value in values)
    body = response.content.decode("utf-8", errors="replace")
    if len(body) > BODY_EXCERPT_CHARS:
        body = body[:BODY_EXCERPT_CHARS] + f"... ({len(response.content)} bytes in all)"
    return "\n".join(lines) + ("\n\n" + body if body else "")


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
