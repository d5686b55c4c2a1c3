"""Judging one exchange: the request against its operation, the response with the same
Schemathesis checks and Miso rules `miso conform` runs.

Each exchange becomes a Schemathesis `Case` (the operation, the path parameters, query, headers
and body the client sent) and `Response` (what the instance answered), and every check is
called through `Case.validate_response`, exactly as a Schemathesis run calls it; the Miso rules
find the proxy's `RuleContext` through the schema, as they find a conformance run's. Checks
that only make sense for generated requests (negative data, replays with other credentials,
unsupported methods) are left to `miso conform`.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qsl

import miso_contract
import requests
import schemathesis
from schemathesis import BaseSchema
from schemathesis.checks import CheckResult, not_a_server_error
from schemathesis.core.errors import LoaderError
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ..conform import rules
from ..conform._http import HttpClient
from ..conform._options import ConformOptions
from ..conform._redact import Redactor
from ..conform._results import Finding, render_response
from ..conform._run import UsageError, load_config
from ..conform._safety import is_loopback
from ._exchange import Exchange
from ._requests import CHECK_NAME as REQUEST_CHECK
from ._requests import RequestSchemas

PHASE = "proxy"
# The response checks that judge one answer on its own, in the order a report lists them.
SCHEMA_CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
# The Miso rules that traffic alone can judge; `miso_permissions` needs a second client.
RULE_MODULES = (
    rules.pagination,
    rules.filters,
    rules.sorting,
    rules.writes,
    rules.envelope,
    rules.rate_limit,
)
PERMISSIONS_NOTE = "judged by `miso conform` only: it replays requests with a second client"
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


@dataclass
class Judgement:
    """What the checks made of one exchange."""

    label: str | None  # the operation, None when the contract has no operation for it
    findings: list[Finding] = field(default_factory=list)
    passed: int = 0


class Checker:
    """The checks of one proxy session, with the state the Miso rules keep between exchanges
    (rate-limit windows, pages walked). Judging runs on one thread at a time."""

    def __init__(self, upstream: str, spec: Path, config: Path, redact: Redactor) -> None:
        self.upstream = upstream.rstrip("/")
        self.redact = redact
        settings = load_config(ConformOptions(base_url=self.upstream, spec=spec, config=config))
        try:
            self.schema: BaseSchema = schemathesis.openapi.from_path(spec, config=settings)
        except (OSError, LoaderError) as exc:
            raise UsageError(f"cannot load the spec: {exc}") from exc
        contract = miso_contract.from_document(self.schema.raw_schema, label=str(spec))
        self.contract = contract
        self.requests = RequestSchemas(contract)
        self.operations = [op.label for op in contract.operations]
        self.checks = [c for c in SCHEMA_CHECKS if self._enabled(c.__name__)] + [
            getattr(module, module.RULE.name)
            for module in RULE_MODULES
            if self._enabled(module.RULE.name)
        ]
        self._token = ""
        self._lock = threading.Lock()
        self.client = HttpClient(self.upstream)
        self.rules = rules.RuleContext(
            self.schema,
            rules.read_rules(contract),
            self._tally(),
            self.client,
            lambda: self._token,
            writes=False,  # the rules' own requests (reading back, walking pages) only read
            base_url=self.upstream,
            same_clock=is_loopback(self.upstream),
        )
        self._results: list[CheckResult] = []
        self.schema.hooks.register_hook_with_name(self._collect, "after_validate")
        self._activation = rules.activated(self.rules)
        self._activation.__enter__()

    def _enabled(self, name: str) -> bool:
        return bool(self.schema.config.checks_config_for().get_by_name(name=name).enabled)

    def _tally(self) -> rules.Tally:
        enabled = frozenset(rule.name for rule in rules.RULES if self._enabled(rule.name))
        tally = rules.Tally(rules.RULES, enabled)
        tally.note(rules.permissions.RULE.name, PERMISSIONS_NOTE)
        return tally

    def close(self) -> None:
        self._activation.__exit__(None, None, None)
        self.schema.hooks.unregister(self._collect)
        self.client.close()

    # -- what the rules need to know as the exchange happens -------------------------------

    def sent(self, exchange: Exchange) -> None:
        self.rules.activity.started(exchange.id, exchange.method, exchange.path)

    def answered(self, exchange: Exchange) -> None:
        self.rules.activity.finished(exchange.id, exchange.status)

    # -- judging ------------------------------------------------------------------------------

    def route(self, exchange: Exchange) -> miso_contract.Route | None:
        return self.contract.route(exchange.method, exchange.path)

    def judge(self, exchange: Exchange) -> Judgement:
        route = self.route(exchange)
        if route is None:
            return Judgement(None)
        with self._lock:
            return self._judge(exchange, route)

    def _judge(self, exchange: Exchange, route: miso_contract.Route) -> Judgement:
        judgement = Judgement(route.operation.label)
        operation = self.schema.find_operation_by_label(route.operation.label)
        if operation is None:
            return Judgement(None)
        case = self._case(operation, exchange, route)
        response = self._response(exchange)
        found: list[tuple[str, str, str]] = [
            (REQUEST_CHECK, "the request does not match the contract", problem)
            for problem in self.requests.problems(exchange, route)
        ]
        judgement.passed += 0 if found else 1
        self._token = exchange.bearer_token or ""
        self._results = []
        with contextlib.suppress(Failure, FailureGroup):  # every outcome reaches `_collect`
            case.validate_response(response, checks=self.checks)
        for result in self._results:
            if result.failure is None:
                judgement.passed += 1
            else:
                found.append((result.name, result.failure.title, result.failure.message or ""))
        if found:  # the reproducing command and the answer, rendered only when needed
            curl = self.redact(case.as_curl_command(base_url=self.upstream))
            shown = self.redact(render_response(response))
            judgement.findings = [
                Finding(
                    operation=judgement.label or "",
                    check=check,
                    title=self.redact(title),
                    message=self.redact(message),
                    curl=curl,
                    status=exchange.status,
                    response=shown,
                    phase=PHASE,
                )
                for check, title, message in found
            ]
        return judgement

    def _collect(self, context: Any, case: Any, response: Any, results: list[CheckResult]) -> None:
        """Schemathesis's `after_validate` hook: each check's name and outcome, as its own
        stateful runner collects them."""
        if case.operation.schema is self.schema:
            self._results = list(results)

    def _case(self, operation: Any, exchange: Exchange, route: miso_contract.Route) -> Any:
        media = exchange.request_header("content-type")
        body = exchange.request_json() if exchange.request_body else None
        return schemathesis.Case(
            operation,
            cast(Any, exchange.method),  # an HTTP method the spec declares for this operation
            operation.path,
            id=exchange.id,
            path_parameters=route.path_parameters,
            headers=requests.structures.CaseInsensitiveDict(_forwardable(exchange.request_headers)),
            query=dict(parse_qsl(exchange.query, keep_blank_values=True)),
            body=body if body is not None else schemathesis.core.NOT_SET,
            media_type=media.split(";")[0].strip() if media and body is not None else None,
        )

    def _response(self, exchange: Exchange) -> Any:
        request = requests.Request(
            exchange.method,
            f"{self.upstream}{exchange.target}",
            headers=_forwardable(exchange.request_headers),
            data=exchange.request_body or None,
        ).prepare()
        headers: dict[str, list[str]] = {}
        for name, value in exchange.response_headers:
            headers.setdefault(name.lower(), []).append(value)
        return schemathesis.Response(
            status_code=exchange.status,
            headers=headers,
            content=exchange.response_body if exchange.response_complete else b"",
            request=request,
            elapsed=exchange.elapsed,
            verify=True,
            message=exchange.reason,
        )


def _forwardable(headers: list[tuple[str, str]]) -> dict[str, str]:
    kept: dict[str, str] = {}
    for name, value in headers:
        if name.lower() not in HOP_BY_HOP and name.lower() != "host":
            kept[name] = f"{kept[name]}, {value}" if name in kept else value
    return kept
