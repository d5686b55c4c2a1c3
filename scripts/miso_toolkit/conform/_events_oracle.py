"""The rules a server can break while every answer matches its schema, judged by what the
instance does rather than what it answers: the webhook deliveries it sends and the tokens it
issues and validates. Run once, after the generated cases, before the clean-up; the findings
are named `miso_oracle`, and what could not be judged is counted inconclusive with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from miso_contract import Contract

from . import _safety
from ._auth import AuthError, Credentials, TokenSource
from ._cleanup import ResourceTracker
from ._http import Client, Unreachable
from ._options import ConformOptions
from ._pacer import Pacer
from ._redact import Redactor
from ._results import Collector
from ._token_checks import DISCOVERY_OPERATION, KEYS_OPERATION, VALIDATE_OPERATION, TokenChecks
from ._verdicts import CHECK, Verdicts
from ._webhook_events import ReceiverUnavailable, WebhookScenario
from ._webhook_receiver import DEFAULT_HOST, parse_address
from ._webhook_spec import NotDescribed, read_webhook_spec
from .rules import RuleOutcome

EXPLANATION = (
    "webhook deliveries (signature, headers, payload, retry) and tokens (JWKS, issuer, "
    "/auth/validate) as the contract describes them"
)
TOKEN_OPERATIONS = frozenset({DISCOVERY_OPERATION, KEYS_OPERATION, VALIDATE_OPERATION})


class EventsAndTokens:
    """The webhook and token checks of one run."""

    def __init__(
        self,
        options: ConformOptions,
        contract: Contract,
        client: Client,
        token: Callable[[], str],
        tracker: ResourceTracker,
        pacer: Pacer,
        redact: Redactor,
        *,
        writes: bool,
    ) -> None:
        self.options = options
        self.contract = contract
        self.client = client
        self.token = token
        self.tracker = tracker
        self.pacer = pacer
        self.redact = redact
        self.writes = writes
        self.verdicts: Verdicts | None = None

    def run(self, collector: Collector) -> None:
        """Judge, and hand the findings to the run's collector."""
        if collector.fatal is not None or "interrupted" in collector.errors:
            return
        verdicts = Verdicts()
        self.verdicts = verdicts
        if self.pacer.spent:
            verdicts.cannot_judge("not run: the request budget was spent")
            return
        if self._selected(TOKEN_OPERATIONS):
            try:
                verdicts.extend(self._token_checks().run())
            except (AuthError, Unreachable) as exc:  # no token now: nothing to judge
                verdicts.cannot_judge(f"tokens: not checked: {exc}")
        register = self._registration()
        if register is not None and self._selected({register}):
            if self.writes:
                try:
                    verdicts.extend(self._scenario().run(self._address()))
                except ReceiverUnavailable as exc:
                    if self.options.webhook_receiver:  # the address asked for: a usage error
                        collector.errors.append(self.redact(str(exc)))
                    else:
                        verdicts.cannot_judge(f"webhook deliveries: not checked: {exc}")
            else:
                verdicts.cannot_judge(
                    "webhook deliveries: not checked in a read-only run (registering a "
                    "webhook writes; --allow-writes)"
                )
        for finding in verdicts.findings():
            redacted = type(finding)(
                finding.operation,
                finding.check,
                self.redact(finding.title),
                self.redact(finding.message),
                self.redact(finding.curl),
                finding.status,
                self.redact(finding.response),
                finding.phase,
            )
            collector.findings.append(redacted)
            collector.summary(finding.operation).findings += 1

    def outcomes(self) -> tuple[RuleOutcome, ...]:
        """This check's line among the Miso checks of the report."""
        v = self.verdicts
        if v is None:
            return ()
        note = "" if v.examined or v.failed else "examined nothing (see inconclusive)"
        return (
            RuleOutcome(
                name=CHECK,
                explanation=EXPLANATION,
                enabled=True,
                examined=v.examined,
                failed=v.failed,
                note=note,
                inconclusive=len(v.inconclusive),
                why_inconclusive=tuple(self.redact(why) for why in v.inconclusive),
            ),
        )

    # -- parts -------------------------------------------------------------------------------

    def _selected(self, operation_ids: set[str] | frozenset[str]) -> bool:
        chosen = self.options.include_operations
        return not chosen or bool(set(chosen) & set(operation_ids))

    def _registration(self) -> str | None:
        try:
            return read_webhook_spec(self.contract).register.operation_id
        except NotDescribed:
            return None

    def _address(self) -> tuple[str, int]:
        text = self.options.webhook_receiver
        return parse_address(text) if text else (DEFAULT_HOST, 0)

    def _token_checks(self) -> TokenChecks:
        options = self.options
        fresh: Callable[[], str] | None = None
        if options.client_id and options.client_secret:
            credentials = Credentials(options.client_id, options.client_secret)

            def fresh() -> str:
                source = TokenSource(self.client, self.redact, credentials=credentials)
                return source.token()

        in_process = options.app is not None
        return TokenChecks(
            self.contract,
            self.client,
            self.token,
            options.target,
            fresh_token=fresh,
            pacer=None if in_process else self.pacer,
            same_clock=in_process or _safety.is_loopback(options.target),
            validate_allowed=self.writes,
        )

    def _scenario(self) -> WebhookScenario:
        return WebhookScenario(
            self.contract,
            self.client,
            self.token,
            self.tracker,
            self.options.target,
            lambda: self.pacer.spent,
            lambda operation: self._selected({operation.operation_id or ""}),
        )
