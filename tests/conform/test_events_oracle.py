"""`miso_oracle` for webhooks and tokens: a mock broken in exactly one way that keeps every
answer schema-valid is caught, by `miso_oracle` alone; the mock itself passes, also over HTTP
with latency, passing faults and another client's traffic; deliveries to a receiver on another
loopback address (as a team points a remote instance at its own receiver) are judged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from miso_toolkit.conform import (
    EXIT_CONFORMING,
    EXIT_ERROR,
    EXIT_VIOLATIONS,
    ConformanceResult,
    main,
)
from miso_toolkit.conform._webhook_receiver import parse_address

from tests.conform import event_faults
from tests.conform.conftest import Run, mock_app
from tests.conform.live import ConcurrentWriter
from tests.conform.test_live_instance import _run, live_mock
from tests.support.servers import free_port

# The selection that makes a run check deliveries (createWebhook, and createApplication to
# trigger events) or tokens (validateToken), with as few generated cases as possible: the
# oracle's own requests are what is tested.
WEBHOOKS = {
    "include_operations": ("createWebhook", "createApplication"),
    "phases": ("examples",),
    "max_examples": 1,
}
TOKENS = {"include_operations": ("validateToken",), "phases": ("examples",), "max_examples": 1}


def _oracle(result: ConformanceResult) -> Any:
    return next(rule for rule in result.rules if rule.name == "miso_oracle")


def _explain(run: Run) -> str:
    return run.output[-6000:]


def _caught(run: Run, title: str) -> None:
    """Violations found, each by `miso_oracle`, one of them the expected one."""
    assert run.result.exit_code == EXIT_VIOLATIONS, _explain(run)
    assert run.result.failed_checks == {"miso_oracle"}, _explain(run)
    titles = [f.title for f in run.result.findings]
    assert any(title in t for t in titles), titles
    finding = next(f for f in run.result.findings if title in f.title)
    assert finding.curl.startswith("curl "), finding
    assert "The rule" in finding.message, finding.message
    assert finding.response, finding


def _passes(run: Run) -> None:
    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    oracle = _oracle(run.result)
    assert oracle.examined > 0 and oracle.failed == 0, oracle


# -- deliveries --------------------------------------------------------------------------------


def test_the_mocks_deliveries_pass(conform: Callable[..., Run]) -> None:
    run = conform(mock_app(), **WEBHOOKS)

    _passes(run)
    # Every delivery, the retry of the refused one and the instance's list were judged.
    oracle = _oracle(run.result)
    assert oracle.examined >= 4, oracle
    assert oracle.why_inconclusive == (), oracle
    assert run.result.cleanup is not None and run.result.cleanup.leftovers == ()
    # Its line among the Miso checks, in the summary and both reports.
    assert f"| {oracle.examined} | 0 |" in run.report("report.md")
    assert "miso_oracle" in run.report("junit.xml")
    assert any(
        "miso_oracle" in line and f" {oracle.examined} " in line for line in run.output.splitlines()
    )


@pytest.mark.parametrize(
    ("fault", "title"),
    [
        (event_faults.signed_with_another_key, "X-Miso-Signature does not verify"),
        (event_faults.payload_without_timestamp, "payload does not match the callback's schema"),
        (event_faults.event_header_names_another_event, "X-Miso-Event header is wrong"),
        (event_faults.without_event_header, "X-Miso-Event header is wrong"),
    ],
)
def test_a_broken_delivery_is_caught(
    conform: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    fault: Callable[[pytest.MonkeyPatch], None],
    title: str,
) -> None:
    fault(monkeypatch)
    _caught(conform(mock_app(), **WEBHOOKS), title)


def test_a_delivery_that_is_not_retried_is_caught(conform: Callable[..., Run]) -> None:
    run = conform(mock_app(webhook_max_attempts=1), **WEBHOOKS)

    _caught(run, "a delivery answered with a 5xx was not retried")


def test_deliveries_that_cannot_arrive_are_inconclusive_not_findings(
    conform: Callable[..., Run],
) -> None:
    """The instance may not deliver to the receiver's host: nothing to judge, nothing found."""
    run = conform(mock_app(webhook_hosts=("192.0.2.1",)), **WEBHOOKS)

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    oracle = _oracle(run.result)
    assert oracle.failed == 0
    assert any("none reached the receiver" in why for why in oracle.why_inconclusive), oracle
    assert "--webhook-receiver" in "".join(oracle.why_inconclusive)


# -- a receiver on another address --------------------------------------------------------------


@pytest.mark.parametrize("broken", [False, True])
def test_deliveries_to_a_receiver_on_another_address_are_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    """The instance is told (as a team would) which host it may deliver to; the run listens
    there. 127.0.0.2 is this machine, but not the address the instance serves on; the run
    calls the instance by another name (`localhost`) than its discovery document does, so its
    keys are fetched from another origin than the run's."""
    if broken:
        event_faults.signed_with_another_key(monkeypatch)
    receiver = f"127.0.0.2:{free_port()}"
    with live_mock(webhook_hosts=("127.0.0.2",)) as base_url:
        result = _run(
            base_url.replace("127.0.0.1", "localhost"),
            tmp_path,
            allow_writes=True,
            webhook_receiver=receiver,
            **{**WEBHOOKS, "include_operations": (*WEBHOOKS["include_operations"], "getJwks")},
        )

    oracle = _oracle(result)
    assert oracle.examined >= 5, oracle  # the keys, the deliveries, the retry, the list
    assert not any("reached the receiver" in why for why in oracle.why_inconclusive), oracle
    assert not any("key set" in why for why in oracle.why_inconclusive), oracle
    if broken:
        assert result.failed_checks == {"miso_oracle"}
    else:
        assert result.exit_code == EXIT_CONFORMING, oracle


# -- tokens --------------------------------------------------------------------------------------


def test_the_mocks_tokens_pass_including_an_expired_one(conform: Callable[..., Run]) -> None:
    """Tokens that live 3 s: the run waits for one to expire and validates it."""
    run = conform(mock_app(token_ttl=3), **TOKENS)

    _passes(run)
    oracle = _oracle(run.result)
    # JWKS, the issued token, three forgeries and the expired one.
    assert oracle.examined == 6, oracle
    assert oracle.why_inconclusive == (), oracle


@pytest.mark.parametrize(
    ("accepts", "title", "ttl"),
    [
        ("tampered", "bad token valid: tampered token", 3600),
        ("unsigned", "bad token valid: unsigned token", 3600),
        ("foreign", "bad token valid: token signed with another key", 3600),
        ("expired", "bad token valid: expired token", 3),
    ],
)
def test_validation_that_accepts_a_bad_token_is_caught(
    conform: Callable[..., Run], accepts: str, title: str, ttl: int
) -> None:
    app = event_faults.lenient_validation(mock_app(token_ttl=ttl), accepts)

    _caught(conform(app, **TOKENS), title)


@pytest.mark.parametrize(
    ("fault", "title"),
    [
        (event_faults.keys_that_verify_nothing, "tokens do not verify against its key set"),
        (event_faults.discovery_names_another_issuer, "tokens name another issuer"),
        (event_faults.validation_reports_another_audience, "reports other claims"),
    ],
)
def test_tokens_that_disagree_with_the_keys_issuer_or_audience_are_caught(
    conform: Callable[..., Run], fault: Callable[[Any], Any], title: str
) -> None:
    _caught(conform(fault(mock_app()), **TOKENS), title)


def test_a_read_only_run_checks_the_keys_and_leaves_validation_and_webhooks_alone(
    conform: Callable[..., Run],
) -> None:
    run = conform(
        mock_app(),
        allow_writes=False,
        include_operations=("getJwks", "createWebhook"),
        phases=("examples",),
        max_examples=1,
    )

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    oracle = _oracle(run.result)
    assert oracle.examined == 1, oracle  # the issued token against the JWKS
    reasons = " ".join(oracle.why_inconclusive)
    assert "read-only" in reasons and "webhook" in reasons, reasons


# -- a busy, flaky instance ---------------------------------------------------------------------


def test_a_slow_flaky_shared_instance_gives_no_false_alarm(tmp_path: Path) -> None:
    chaos = {"latency_ms": (2, 20), "error_rate": 0.05, "seed": 3}
    with live_mock(**chaos) as base_url, ConcurrentWriter(base_url).running() as writer:
        result = _run(
            base_url,
            tmp_path,
            include_operations=("createWebhook", "createApplication", "validateToken", "getJwks"),
            phases=("examples",),
            max_examples=1,
        )

    assert writer.cycles > 0
    lines = [f"{f.check} {f.operation}: {f.title} {f.message}" for f in result.findings]
    assert result.exit_code == EXIT_CONFORMING, "\n".join([*lines, str(_oracle(result))])
    assert _oracle(result).examined > 0


# -- the receiver's address ---------------------------------------------------------------------


def test_a_receiver_address_that_cannot_be_listened_on_is_an_error(
    conform: Callable[..., Run],
) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine.
    run = conform(mock_app(), webhook_receiver="192.0.2.1:9099", **WEBHOOKS)

    assert run.result.exit_code == EXIT_ERROR, _explain(run)
    assert any("cannot listen on 192.0.2.1:9099" in error for error in run.result.errors)


def test_the_receiver_address_is_host_and_port() -> None:
    assert main(["--base-url", "http://127.0.0.1:1", "--webhook-receiver", "no-port"]) == EXIT_ERROR
    assert parse_address("[::1]:8099") == ("::1", 8099)
    assert parse_address("127.0.0.2:0") == ("127.0.0.2", 0)
