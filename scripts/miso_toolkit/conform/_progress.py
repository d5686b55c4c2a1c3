"""Live progress: one line per phase and per finished scenario, flushed as it happens, so a
long run against a slow instance shows where it is."""

from __future__ import annotations

import time
from typing import TextIO

from schemathesis.core.errors import NoLinksFound
from schemathesis.engine import Status, events
from schemathesis.engine.run import PhaseName

from ._redact import Redactor

TESTING_PHASES = {
    PhaseName.EXAMPLES,
    PhaseName.COVERAGE,
    PhaseName.FUZZING,
    PhaseName.STATEFUL_TESTING,
}
STATEFUL_TALLY_EVERY = 25
_MARKS = {
    Status.SUCCESS: "ok",
    Status.FAILURE: "FAIL",
    Status.ERROR: "ERROR",
    Status.SKIP: "skip",
    Status.INTERRUPTED: "stop",
}


class Progress:
    def __init__(self, stream: TextIO, redact: Redactor, *, enabled: bool = True) -> None:
        self.stream = stream
        self.redact = redact
        self.enabled = enabled
        self._phase_started = time.perf_counter()
        self._stateful = (0, 0)

    def line(self, text: str) -> None:
        if self.enabled:
            print(self.redact(text), file=self.stream, flush=True)

    def on_event(self, event: events.EngineEvent) -> None:
        if isinstance(event, events.PhaseStarted) and event.phase.name in TESTING_PHASES:
            self._phase_started = time.perf_counter()
            self._stateful = (0, 0)
            self.line(f"-- {event.phase.name.value} --")
        elif isinstance(event, events.PhaseFinished) and event.phase.name in TESTING_PHASES:
            elapsed = time.perf_counter() - self._phase_started
            reason = f" ({event.phase.skip_reason.value})" if event.phase.skip_reason else ""
            if event.status == Status.SKIP:
                self.line(f"   {event.phase.name.value} skipped{reason}")
            else:
                if event.phase.name == PhaseName.STATEFUL_TESTING:
                    self._stateful_tally()
                self.line(f"   {event.phase.name.value} finished in {elapsed:.1f}s")
        elif isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            if event.status == Status.SKIP:
                return
            mark = _MARKS.get(event.status, str(event.status))
            cases = len(event.recorder.cases)
            if event.phase == PhaseName.STATEFUL_TESTING and event.status == Status.SUCCESS:
                # Many short scenarios: a tally now and then says more than a line each.
                scenarios, total = self._stateful
                self._stateful = (scenarios + 1, total + cases)
                if (scenarios + 1) % STATEFUL_TALLY_EVERY == 0:
                    self._stateful_tally()
                return
            label = event.label or event.recorder.label
            self.line(f"   {mark:<5} {label}  ({cases} cases)")
        elif isinstance(event, events.NonFatalError):
            if isinstance(event.value, NoLinksFound):
                self.line("   no links among the selected operations")
            else:
                self.line(f"   ERROR {event.label}: {event.info.title}")

    def _stateful_tally(self) -> None:
        scenarios, cases = self._stateful
        if scenarios:
            self.line(f"   ok    {scenarios} link-driven scenarios passed so far ({cases} cases)")
