"""One proxy session: the checks, the secrets learnt, the session's findings and the optional
recording, put together behind what the app needs (`sent`, `answered`, `judge`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..conform._options import CONFIG_FILE
from ..conform._redact import Redactor
from ..conform._results import ConformanceResult
from ..paths import BUNDLE
from ._app import ProxyApp
from ._checks import Checker, Judgement
from ._exchange import Exchange
from ._record import Recording
from ._secrets import Secrets
from ._session import Session


class Proxy:
    def __init__(
        self,
        upstream: str,
        *,
        spec: Path = BUNDLE,
        config: Path = CONFIG_FILE,
        report_dir: Path | None = None,
        record: Path | None = None,
        stream: TextIO | None = None,
    ) -> None:
        self.redact = Redactor()
        self.checker = Checker(upstream, spec, config, self.redact)
        contract = self.checker.contract
        self.secrets = Secrets(contract, self.redact)
        self.session = Session(
            self.checker.upstream,
            self.checker.operations,
            stream or sys.stdout,
            self.redact,
            report_dir,
        )
        self.recording = Recording(record, contract, self.redact) if record else None

    def app(self, *, errors: bool) -> ProxyApp:
        return ProxyApp(self.checker.upstream, self, errors=errors)

    def sent(self, exchange: Exchange) -> None:
        self.checker.sent(exchange)

    def answered(self, exchange: Exchange) -> None:
        self.checker.answered(exchange)

    def judge(self, exchange: Exchange) -> Judgement:
        route = self.checker.route(exchange)
        operation = route.operation if route else None
        self.secrets.learn(exchange, operation)
        try:
            judgement = self.checker.judge(exchange)
        except Exception as exc:  # a check that breaks must not take the proxy down
            self.session.error(f"{exchange.method} {exchange.path}: the checks failed: {exc!r}")
            judgement = Judgement(operation.label if operation else None)
        self.session.record(exchange.method, exchange.target, judgement)
        if self.recording is not None:
            self.recording.observe(exchange, operation)
        return judgement

    def unjudged(self, exchange: Exchange) -> None:
        self.session.unjudged_for_load(exchange.method, exchange.target)

    def finish(self) -> ConformanceResult:
        """Write the reports (and the recording); the result's exit code is the command's."""
        if self.recording is not None:
            self.recording.write()
        result = self.session.finish(self.checker.rules.tally.outcomes())
        self.checker.close()
        return result
