"""Where the oracle joins a `miso conform` run: after the Schemathesis engine, before the
clean-up (which removes what its scenarios created on the instance too). Whether it runs at
all is decided here, and what it found goes into the run's findings and notes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from miso_contract import Contract
from schemathesis.engine import StopReason

from .._auth import AuthError
from .._cleanup import ResourceTracker
from .._http import Client, Unreachable
from .._pacer import Pacer
from .._progress import Progress
from .._redact import Redactor
from .._results import Collector
from ..rules import ListRules
from ._compare_run import compare_with_oracle
from ._replay import StatefulRecorder
from ._server import available

if TYPE_CHECKING:  # the options carry the oracle's settings: imported for the type only
    from .._options import ConformOptions


@dataclass(frozen=True)
class RunView:
    """What the oracle needs of the run it joins."""

    options: ConformOptions
    writes: bool
    contract: Contract
    lists: Mapping[str, ListRules]
    client: Client
    token: Callable[[], str]
    tracker: ResourceTracker
    pacer: Pacer
    collector: Collector
    progress: Progress
    redact: Redactor
    stateful: StatefulRecorder


def _skipped(run: RunView) -> str | None:
    """Why the oracle does not run, or None."""
    settings, collector = run.options.oracle, run.collector
    if settings is None:
        return ""
    if not available():
        if settings.required:
            collector.errors.append("--oracle: the mock's package (miso_mock) is not installed")
            return ""
        return "off, the mock's package is not installed"
    if not run.writes:
        return "skipped, its scenarios write and this run is read-only"
    if run.options.include_operations and not settings.required:
        # Its scenarios reach beyond the operations selected: only when asked for by name.
        return "skipped, operations were selected (--oracle runs it)"
    if collector.fatal is not None or "interrupted" in collector.errors or run.pacer.spent:
        return "skipped, the run ended early"
    if collector.stop_reason == StopReason.MAX_TIME:
        return "skipped, --max-duration was reached"
    return None


def after_engine(run: RunView) -> None:
    reason = _skipped(run)
    if reason is not None:
        if reason:
            run.collector.notes.append(f"oracle: {reason}")
        return
    settings = run.options.oracle
    assert settings is not None  # _skipped said so
    run.progress.line("-- oracle: the same scenarios against the mock --")
    try:
        outcome = compare_with_oracle(
            run.contract,
            run.lists,
            run.client,
            run.token,
            run.options.target,
            settings,
            on_created=run.tracker.note_created,
            budget_spent=lambda: run.pacer.spent,
            redact=run.redact,
            recorded=run.stateful.scenarios,
        )
    except (RuntimeError, AuthError, Unreachable) as exc:
        run.collector.errors.append(run.redact(f"oracle: {exc}"))
        return
    for finding in outcome.findings:
        run.collector.summary(finding.operation).findings += 1
        run.collector.findings.append(finding)
    run.collector.notes.extend(outcome.notes)
