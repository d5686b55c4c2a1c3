"""One conformance run: load the tuning and the spec, point Schemathesis's engine at the
instance with its own tokens, watch its events, clean up, report.

Schemathesis is driven through its Python engine (`schemathesis.engine.from_schema(...)
.execute()`), the same one its CLI runs, so every phase and check behaves as in `st run`;
only loading, auth, safety and reporting are ours.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import schemathesis
from schemathesis.config import ConfigError, SchemathesisConfig
from schemathesis.core.errors import LoaderError
from schemathesis.engine import events, from_schema
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from . import _safety
from ._auth import AuthError, Credentials, TokenSource, install
from ._cleanup import CleanupReport, ResourceTracker
from ._http import AsgiClient, Client, HttpClient, Unreachable
from ._options import SERVED_SPEC_PATH, ConformOptions
from ._progress import Progress
from ._redact import Redactor
from ._report import print_summary, write_reports
from ._results import EXIT_ERROR, Collector, ConformanceResult
from ._threads import one_parse_at_a_time


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
        config.update(seed=options.seed, max_failures=None)
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


def load_schema(options: ConformOptions, config: SchemathesisConfig, writes: bool) -> Any:
    try:
        if options.app is not None:
            schema = schemathesis.openapi.from_asgi(SERVED_SPEC_PATH, options.app, config=config)
        else:
            schema = schemathesis.openapi.from_path(options.spec, config=config)
    except (OSError, LoaderError) as exc:
        raise UsageError(f"cannot load the spec: {exc}") from exc
    known = {
        operation.get("operationId")
        for item in schema.raw_schema.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict)
    }
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


def _operation_filter(schema: Any, operation_ids: tuple[str, ...], writes: bool) -> Any:
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


def _client(options: ConformOptions) -> Client:
    if options.app is not None:
        return AsgiClient(options.app, options.target)
    return HttpClient(options.target)


def _token_source(options: ConformOptions, client: Client, redact: Redactor) -> TokenSource | None:
    if options.token and (options.client_id or options.client_secret):
        raise UsageError("give either --token or --client-id/--client-secret, not both")
    if options.token:
        return TokenSource(client, redact, token=options.token)
    if options.client_id or options.client_secret:
        if not (options.client_id and options.client_secret):
            raise UsageError("--client-id and --client-secret go together")
        credentials = Credentials(options.client_id, options.client_secret)
        return TokenSource(client, redact, credentials=credentials)
    return None


@contextmanager
def _read_only_guard(schema: Any, writes: bool) -> Iterator[None]:
    if writes:
        yield
        return
    hook = _safety.refuse_unsafe(schema)
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(hook, "before_call")
    try:
        yield
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(hook)


def _operation_labels(schema: Any) -> list[str]:
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok() if hasattr(result, "ok") else result
        if operation is not None:
            labels.append(operation.label)
    return labels


def run_conformance(options: ConformOptions) -> ConformanceResult:
    """Run every configured phase against the instance and report; never raises for the
    instance's sake (bad input or an unreachable instance end in exit code 2)."""
    stream = options.stream or sys.stdout
    redact = Redactor()
    started = time.perf_counter()
    writes = writes_allowed(options)
    seed: int | None = options.seed
    try:
        config = load_config(options)
        seed = config.seed
        schema = load_schema(options, config, writes)
        client = _client(options)
    except UsageError as exc:
        return _failed_to_start(options, writes, seed, started, str(exc), stream, redact)
    try:
        return _run(options, schema, client, writes, seed, started, stream, redact)
    finally:
        client.close()


def _run(
    options: ConformOptions,
    schema: Any,
    client: Client,
    writes: bool,
    seed: int | None,
    started: float,
    stream: Any,
    redact: Redactor,
) -> ConformanceResult:
    progress = Progress(stream, redact, enabled=options.progress)
    try:
        source = _token_source(options, client, redact)
        if source is not None:
            source.token()  # fail early, and clearly, on wrong credentials
        else:
            client.request("GET", "/")  # reachable at all?
    except (UsageError, AuthError, Unreachable) as exc:
        return _failed_to_start(options, writes, seed, started, str(exc), stream, redact)
    if source is not None:
        install(schema, source)
    mode = "writes allowed" if writes else "read-only: safe methods only"
    progress.line(f"miso conform: {options.target} ({mode}), seed {seed}")
    collector = Collector(redact, _operation_labels(schema))
    tracker = ResourceTracker(schema.raw_schema)
    cleanup: CleanupReport | None = None
    try:
        with _read_only_guard(schema, writes), one_parse_at_a_time():
            for event in from_schema(schema).execute():
                collector.on_event(event)
                progress.on_event(event)
                if isinstance(event, events.ScenarioFinished):
                    tracker.observe(event.recorder)
    except KeyboardInterrupt:
        collector.errors.append("interrupted")
    finally:
        if writes:
            progress.line("-- clean-up --")
            headers = {"Authorization": f"Bearer {source.token()}"} if source else {}
            cleanup = tracker.clean_up(client, headers)
    if collector.fatal:
        collector.errors.append(collector.fatal)
    result = ConformanceResult(
        exit_code=collector.exit_code(),
        base_url=options.target,
        writes_allowed=writes,
        cases=collector.cases,
        wall_time=time.perf_counter() - started,
        findings=tuple(collector.findings),
        operations=tuple(collector.operations.values()),
        errors=tuple(collector.errors),
        notes=tuple(dict.fromkeys(collector.notes)),
        cleanup=cleanup,
        report_dir=options.report_dir,
        seed=seed,
    )
    _finish(result, stream, redact, options)
    return result


def _failed_to_start(
    options: ConformOptions,
    writes: bool,
    seed: int | None,
    started: float,
    message: str,
    stream: Any,
    redact: Redactor,
) -> ConformanceResult:
    result = ConformanceResult(
        exit_code=EXIT_ERROR,
        base_url=options.target,
        writes_allowed=writes,
        cases=0,
        wall_time=time.perf_counter() - started,
        findings=(),
        operations=(),
        errors=(redact(message),),
        notes=(),
        cleanup=None,
        report_dir=options.report_dir,
        seed=seed,
    )
    print(redact(f"miso conform: {message}"), file=sys.stderr, flush=True)
    _finish(result, stream, redact, options, summary=False)
    return result


def _finish(
    result: ConformanceResult,
    stream: Any,
    redact: Redactor,
    options: ConformOptions,
    *,
    summary: bool = True,
) -> None:
    if options.report_dir is not None:
        write_reports(result, options.report_dir, redact)
    if summary:
        print_summary(result, stream, redact)
