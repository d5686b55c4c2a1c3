"""One conformance run: load the tuning and the spec, point Schemathesis's engine at the
instance with its own tokens, watch its events, clean up, report.

Schemathesis is driven through its Python engine (`schemathesis.engine.from_schema(...)
.execute()`), the same one its CLI runs, so every phase and check behaves as in `st run`;
only loading, auth, pacing (`_pacer.py`, `_transport.py`), the write guard and inventory
(`_guard.py`, `_inventory.py`), safety and reporting are ours.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO
from urllib.parse import urlsplit

import miso_contract
import schemathesis
from schemathesis import BaseSchema
from schemathesis.config import ConfigError, SchemathesisConfig
from schemathesis.core.errors import LoaderError
from schemathesis.core.result import Ok
from schemathesis.engine import StopReason, from_schema
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from . import _inventory as inventory
from . import _safety, oracle, rules
from ._auth import AuthError, Credentials, TokenSource, install
from ._cleanup import CleanupReport, ResourceTracker
from ._events_oracle import EventsAndTokens
from ._guard import WriteGuard
from ._http import AsgiClient, Client, HttpClient, Unreachable
from ._options import SERVED_SPEC_PATH, ConformOptions
from ._pacer import Pacer
from ._progress import Progress
from ._redact import Redactor
from ._report import print_summary, write_reports
from ._results import EXIT_ERROR, Collector, ConformanceResult
from ._threads import one_parse_at_a_time
from ._transport import paced_sessions


class UsageError(Exception):
    """The run cannot start: bad options, an unreadable spec or config, no way in."""


def load_config(options: ConformOptions) -> SchemathesisConfig:
    """The checked-in tuning, with this run's options laid over it."""
    target = urlsplit(options.target)
    if target.scheme not in ("http", "https") or not target.hostname:
        raise UsageError(
            f"the base URL must be http(s)://host[:port][/prefix], not {options.target!r}"
        )
    try:
        config = SchemathesisConfig.from_path(options.config)
        config.update(seed=options.seed, max_failures=None, max_time=options.max_duration)
        override = config.projects.override
        if options.app is None or options.base_url:
            override.update(base_url=options.base_url.rstrip("/"))
        if options.workers is not None:
            override.update(workers=options.workers)
        if options.max_examples is not None:
            override.generation.update(max_examples=options.max_examples)
        if options.phases is not None:
            override.phases.update(phases=list(options.phases))
    except (OSError, ConfigError) as exc:
        raise UsageError(f"cannot use {options.config}: {exc}") from exc
    return config


def writes_allowed(options: ConformOptions) -> bool:
    if options.app is not None and not options.base_url:
        # An app in this process touches nothing outside it.
        return True if options.allow_writes is None else options.allow_writes
    return _safety.writes_allowed(options.target, options.allow_writes)


def load_schema(options: ConformOptions, config: SchemathesisConfig, writes: bool) -> BaseSchema:
    try:
        if options.app is not None:
            schema = schemathesis.openapi.from_asgi(SERVED_SPEC_PATH, options.app, config=config)
        else:
            schema = schemathesis.openapi.from_path(options.spec, config=config)
    except (OSError, LoaderError) as exc:
        raise UsageError(f"cannot load the spec: {exc}") from exc
    known = {operation.operation_id for operation in contract_of(schema).operations}
    unknown = sorted(set(options.include_operations) - known)
    if unknown:
        raise UsageError(f"no operation with id {', '.join(unknown)} in the spec")
    schema.filter_set = _operation_filter(schema, options.include_operations, writes)
    if not writes:
        coverage = schema.config.phases.coverage
        coverage.unexpected_methods = _safety.unexpected_methods_for_read_only(
            coverage.unexpected_methods
        )
    return schema


def contract_of(schema: BaseSchema) -> miso_contract.Contract:
    """The contract model of the document Schemathesis loaded (once per schema)."""
    contract = getattr(schema, "_miso_contract", None)
    if contract is None:
        contract = miso_contract.from_document(schema.raw_schema, label="the spec under test")
        schema._miso_contract = contract  # type: ignore[attr-defined]
    return contract


def _operation_filter(schema: BaseSchema, operation_ids: tuple[str, ...], writes: bool) -> Any:
    """The operations to test, combined with the config's `[[operations]]` the way `st run`
    combines its own filter options with them."""
    selection: dict[str, Any] = {
        f"{kind}_{attribute}": ()
        for kind in ("include", "exclude")
        for attribute in ("path", "method", "name", "tag", "operation_id")
    }
    selection.update(
        {
            f"{kind}_{attribute}_regex": None
            for kind in ("include", "exclude")
            for attribute in ("path", "method", "name", "tag", "operation_id")
        }
    )
    selection["include_operation_id"] = operation_ids
    return schema.config.operations.create_filter_set(
        **selection,
        include_by=None,
        exclude_by=None if writes else _safety.only_safe_operations,
        exclude_deprecated=False,
    )


def _client(options: ConformOptions, pacer: Pacer) -> Client:
    if options.app is not None:
        return AsgiClient(options.app, options.target)
    return HttpClient(options.target, pacer=pacer)


def _token_source(options: ConformOptions, client: Client, redact: Redactor) -> TokenSource:
    """Credentials are required: without them every protected operation answers 401, and a
    run that saw nothing but 401s would pass while testing nothing."""
    if options.token and (options.client_id or options.client_secret):
        raise UsageError("give either --token or --client-id/--client-secret, not both")
    if options.token:
        return TokenSource(client, redact, token=options.token)
    if not (options.client_id and options.client_secret):
        raise UsageError("give --client-id and --client-secret (or --token)")
    credentials = Credentials(options.client_id, options.client_secret)
    return TokenSource(client, redact, credentials=credentials)


@contextmanager
def _write_guard(schema: BaseSchema, guard: WriteGuard | None) -> Iterator[None]:
    """The guard sees each request of this run before anything else does (so what the other
    hooks record is the request as it leaves), and each answer first."""
    if guard is None:
        yield
        return

    def before_call(context: Any, case: Any, kwargs: Any) -> None:
        if case.operation.schema is schema:
            guard.before_call(case)

    def after_call(context: Any, case: Any, response: Any) -> None:
        if case.operation.schema is schema:
            guard.after_call(case, response)

    def after_network_error(context: Any, case: Any, request: Any) -> None:
        if case.operation.schema is schema:
            guard.after_network_error(case)

    hooks = {
        "before_call": before_call,
        "after_call": after_call,
        "after_network_error": after_network_error,
    }
    for name, hook in hooks.items():
        GLOBAL_HOOK_DISPATCHER.register_hook_with_name(hook, name)
    try:
        yield
    finally:
        for hook in hooks.values():
            GLOBAL_HOOK_DISPATCHER.unregister(hook)


@contextmanager
def _read_only_guard(schema: BaseSchema, writes: bool) -> Iterator[None]:
    if writes:
        yield
        return
    hook = _safety.refuse_unsafe(schema)
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(hook, "before_call")
    try:
        yield
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(hook)


def _operation_labels(schema: BaseSchema) -> list[str]:
    return [result.ok().label for result in schema.get_all_operations() if isinstance(result, Ok)]


@dataclass
class _Session:
    """What every outcome of one run shares: its options, mode, seed, output and clock."""

    options: ConformOptions
    writes: bool
    stream: TextIO
    redact: Redactor = field(default_factory=Redactor)
    started: float = field(default_factory=time.perf_counter)
    seed: int | None = None

    def result(self, exit_code: int, **found: Any) -> ConformanceResult:
        outcome: dict[str, Any] = {
            "cases": 0,
            "findings": (),
            "operations": (),
            "errors": (),
            "notes": (),
            "cleanup": None,
            **found,
        }
        return ConformanceResult(
            exit_code=exit_code,
            base_url=self.options.target,
            writes_allowed=self.writes,
            wall_time=time.perf_counter() - self.started,
            report_dir=self.options.report_dir,
            seed=self.seed,
            **outcome,
        )

    def failed_to_start(self, message: str) -> ConformanceResult:
        """Exit code 2 before anything was tested; the reason goes to stderr and the reports."""
        result = self.result(EXIT_ERROR, errors=(self.redact(message),))
        print(self.redact(f"miso conform: {message}"), file=sys.stderr, flush=True)
        self.write_reports(result)
        return result

    def write_reports(self, result: ConformanceResult) -> None:
        if self.options.report_dir is not None:
            write_reports(result, self.options.report_dir, self.redact)


def run_conformance(options: ConformOptions) -> ConformanceResult:
    """Run every configured phase against the instance and report; never raises for the
    instance's sake (bad input or an unreachable instance end in exit code 2)."""
    session = _Session(options, writes_allowed(options), options.stream or sys.stdout)
    session.seed = options.seed
    pacer = Pacer(rate=options.rate, max_requests=options.max_requests)
    try:
        config = load_config(options)
        session.seed = config.seed
        schema = load_schema(options, config, session.writes)
        client = _client(options, pacer)
    except UsageError as exc:
        return session.failed_to_start(str(exc))
    try:
        with paced_sessions(pacer):
            return _run(session, schema, client, pacer)
    finally:
        client.close()


def _run(session: _Session, schema: BaseSchema, client: Client, pacer: Pacer) -> ConformanceResult:
    options = session.options
    progress = Progress(session.stream, session.redact, enabled=options.progress)
    try:
        source = _token_source(options, client, session.redact)
        if options.token:
            client.request("GET", "/")  # reachable at all?
        else:
            source.token()  # fail early, and clearly, on wrong credentials
    except (UsageError, AuthError, Unreachable) as exc:
        return session.failed_to_start(str(exc))
    install(schema, source)
    contract = contract_of(schema)
    tracker = ResourceTracker(contract)
    try:
        checks = _miso_checks(session, schema, client, source, tracker, pacer)
    except (UsageError, AuthError, Unreachable, rules.ViewerError) as exc:
        return session.failed_to_start(str(exc))
    guard = WriteGuard(contract, tracker, client, source.token) if session.writes else None
    mode = "writes allowed" if session.writes else "read-only: safe methods only"
    progress.line(f"miso conform: {options.target} ({mode}), seed {session.seed}")
    before: inventory.Records = {}
    unlisted: list[str] = []
    if session.writes:
        progress.line("-- what is there before the run --")
        before, unlisted = inventory.take(checks.spec, client, source.token)
    collector = Collector(session.redact, _operation_labels(schema))
    events = EventsAndTokens(
        options,
        contract,
        client,
        source.token,
        tracker,
        pacer,
        session.redact,
        writes=session.writes,
    )
    stateful = oracle.StatefulRecorder(options.target)
    cleanup: CleanupReport | None = None
    stream = from_schema(schema).execute()

    def budget_spent() -> None:
        collector.stopped_on_purpose = True
        stream.stop()

    pacer.on_spent = budget_spent
    try:
        with (
            _read_only_guard(schema, session.writes),
            _write_guard(schema, guard),
            one_parse_at_a_time(),
            rules.activated(checks),
        ):
            try:
                for event in stream:
                    collector.on_event(event)
                    progress.on_event(event)
                    stateful.on_event(event)
            except KeyboardInterrupt:
                collector.errors.append("interrupted")
                _wind_down(stream, collector)
        events.run(collector)  # deliveries and tokens, while what it creates is still cleaned up
        oracle.after_engine(
            oracle.RunView(
                session.options,
                session.writes,
                contract,
                checks.spec.lists,
                client,
                source.token,
                tracker,
                pacer,
                collector,
                progress,
                session.redact,
                stateful,
            )
        )
    except KeyboardInterrupt:
        collector.errors.append("interrupted")
    except Exception as exc:  # the run broke: what it created is still removed
        collector.errors.append(session.redact(f"{type(exc).__name__}: {exc}"))
        collector.fatal = collector.errors[-1]
    finally:
        pacer.stop()
        if session.writes:
            progress.line("-- clean-up --")
            with _clean_up_first():
                cleanup = _clean_up(tracker, client, source)
    after_run = None
    if session.writes:
        with _clean_up_first():
            after, more = inventory.take(checks.spec, client, source.token)
        after_run = inventory.compare(before, after, unlisted + more)
    errors = list(collector.errors)
    if guard is not None:
        errors += [
            session.redact(f"{r.path} was written and could not be restored: {r.detail}")
            for r in guard.report.failed
        ]
    result = session.result(
        collector.exit_code(budget_spent=pacer.spent) if errors == collector.errors else EXIT_ERROR,
        cases=collector.cases,
        findings=tuple(collector.findings),
        operations=tuple(collector.operations.values()),
        errors=tuple(errors),
        notes=tuple(dict.fromkeys([*collector.notes, *map(session.redact, checks.notes)])),
        cleanup=cleanup,
        rules=(*checks.tally.outcomes(), *events.outcomes()),
        health=pacer.health,
        guard=guard.report if guard else None,
        inventory=after_run,
        budget=_budget_line(options, pacer, collector),
    )
    session.write_reports(result)
    print_summary(result, session.stream, session.redact)
    return result


@contextmanager
def _clean_up_first() -> Iterator[None]:
    """Another Ctrl-C during the clean-up is answered, not obeyed: leaving then would leave
    what the run created behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def answer(signum: int, frame: Any) -> None:
        print("miso conform: cleaning up first, one moment", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, answer)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _wind_down(stream: Any, collector: Collector) -> None:
    """Stop the engine and let its workers finish (still guarded and paced), so nothing is
    created after the clean-up has started."""
    stream.stop()
    with contextlib.suppress(Exception, KeyboardInterrupt):
        for event in stream:
            collector.on_event(event)


def _budget_line(options: ConformOptions, pacer: Pacer, collector: Collector) -> str:
    """What the run covered within its budget, when one was set."""
    if options.max_requests is None and options.max_duration is None:
        return ""
    limits = []
    if options.max_requests is not None:
        limits.append(f"{options.max_requests} requests")
    if options.max_duration is not None:
        limits.append(f"{options.max_duration} s")
    tested = [op for op in collector.operations.values() if op.cases]
    reached = pacer.spent or collector.stop_reason == StopReason.MAX_TIME
    return (
        f"Budget {' and '.join(limits)}: {'spent' if reached else 'not reached'}; "
        f"{pacer.health.requests} requests sent, {len(tested)} of "
        f"{len(collector.operations)} operations tested"
    )


def _miso_checks(
    session: _Session,
    schema: BaseSchema,
    client: Client,
    source: TokenSource,
    tracker: ResourceTracker,
    pacer: Pacer,
) -> rules.RuleContext:
    """The Miso checks' view of this run, with the viewer client when one was given (its
    token is fetched, and its permissions asked, before anything is tested)."""
    options = session.options
    spec = rules.read_rules(contract_of(schema))
    viewer = None
    if options.viewer_client_id or options.viewer_client_secret:
        if not (options.viewer_client_id and options.viewer_client_secret):
            raise UsageError("give both --viewer-client-id and --viewer-client-secret")
        credentials = Credentials(options.viewer_client_id, options.viewer_client_secret)
        viewer_source = TokenSource(client, session.redact, credentials=credentials)
        try:
            held = rules.viewer_permissions(client, viewer_source.token(), spec)
        except AuthError as exc:
            raise UsageError(f"viewer client: {exc}") from exc
        viewer = rules.Viewer(viewer_source.token, held)
    return rules.RuleContext(
        schema,
        spec,
        rules.tally_for(schema, writes=session.writes, viewer=viewer),
        client,
        source.token,
        writes=session.writes,
        base_url=options.target,
        same_clock=options.app is not None or _safety.is_loopback(options.target),
        viewer=viewer,
        on_created=tracker.note_created,
        owned=tracker.owns,
        budget_spent=lambda: pacer.spent,
    )


def _clean_up(tracker: ResourceTracker, client: Client, source: TokenSource) -> CleanupReport:
    try:
        headers = {"Authorization": f"Bearer {source.token()}"}
    except (AuthError, Unreachable) as exc:
        return tracker.abandon(f"no token for the clean-up ({exc})")
    return tracker.clean_up(client, headers)
