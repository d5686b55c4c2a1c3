"""`miso conform` catches real breakage: a mock broken in exactly one way, for one operation,
fails the run (exit 1) and the failure names the check that caught it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from miso_toolkit.conform import EXIT_VIOLATIONS, main
from miso_toolkit.conform._http import AsgiClient

from tests.conform import faults
from tests.conform.conftest import Run, mock_app, serving
from tests.support.servers import DEV_CLIENT


def _with_valid_token(app: Any) -> Any:
    client = AsgiClient(app, "http://testserver")
    body = {"client_id": DEV_CLIENT[0], "client_secret": DEV_CLIENT[1]}
    reply = client.request(
        "POST", "/auth/token", json_body={**body, "grant_type": "client_credentials"}
    )
    return faults.auth_not_enforced(app, reply.json()["access_token"])


# Breakage the stateful phase must find (a sequence of requests through the spec's links) is
# tested with that phase alone and more scenarios, so that it is found however the run goes.
STATEFUL = {"deleted resource still served", "created resource not found"}

# (how the server is broken, operations to test, the check that must catch it)
BROKEN: dict[str, tuple[Callable[[Any], Any], tuple[str, ...], str]] = {
    "required field missing": (
        faults.missing_required_field,
        ("getEnvironment",),
        "response_schema_conformance",
    ),
    "field of the wrong type": (
        faults.wrong_field_type,
        ("listUsers",),
        "response_schema_conformance",
    ),
    "undocumented status code": (
        faults.undocumented_status,
        ("getEnvironment",),
        "status_code_conformance",
    ),
    "wrong content type": (faults.wrong_content_type, ("getHealth",), "content_type_conformance"),
    "auth not enforced": (_with_valid_token, ("listEnvironments",), "ignored_auth"),
    "500 on some input": (faults.server_error_on_input, ("listUsers",), "not_a_server_error"),
    "invalid input accepted": (
        faults.invalid_input_accepted,
        ("listUsers",),
        "negative_data_rejection",
    ),
    "deleted resource still served": (
        faults.deleted_still_served,
        ("createWebhook", "getWebhook", "deleteWebhook"),
        "use_after_free",
    ),
    "created resource not found": (
        faults.created_not_found,
        ("createWebhook", "getWebhook"),
        "ensure_resource_availability",
    ),
    "documented header missing": (
        faults.missing_response_header,
        ("listEnvironments",),
        "response_headers_conformance",
    ),
}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_broken_server_fails_with_the_check_named(
    breakage: str, conform: Callable[..., Run]
) -> None:
    break_it, operations, check = BROKEN[breakage]
    tuning: dict[str, Any] = {"max_examples": 10}
    if breakage in STATEFUL:
        tuning = {"max_examples": 30, "phases": ("stateful",)}
    # One worker, so that worker threads do not interleave requests differently each time.
    run = conform(break_it(mock_app()), include_operations=operations, workers=1, **tuning)

    assert run.result.exit_code == EXIT_VIOLATIONS, run.output
    assert check in run.result.failed_checks
    assert f"[{check}]" in run.output
    assert check in run.report("junit.xml")
    assert f"`{check}`" in run.report("report.md")
    finding = next(f for f in run.result.findings if f.check == check)
    assert "curl -X " in finding.curl
    assert finding.response.startswith("HTTP ")
    # A reproducing request shows where the credential goes, never the credential.
    assert "eyJ" not in run.output
    for line in finding.curl.splitlines():
        if "Authorization" in line:
            assert "-H 'Authorization: Bearer [REDACTED]'" in line


# A slow and flaky instance: every request waits 2-20 ms, and one in fifty answers 503 with
# Retry-After. The passing faults are retried, so what the checks see is the breakage.
FLAKY = {"latency_ms": (2, 20), "error_rate": 0.02, "seed": 11}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_broken_server_is_still_caught_on_a_flaky_instance(
    breakage: str, conform: Callable[..., Run]
) -> None:
    break_it, operations, check = BROKEN[breakage]
    tuning: dict[str, Any] = {"max_examples": 10}
    if breakage in STATEFUL:
        tuning = {"max_examples": 30, "phases": ("stateful",)}
    run = conform(break_it(mock_app(**FLAKY)), include_operations=operations, workers=1, **tuning)

    assert run.result.exit_code == EXIT_VIOLATIONS, run.output
    assert check in run.result.failed_checks, run.output
    # No finding of a 503 the instance recovered from.
    assert 503 not in {f.status for f in run.result.findings}, run.output
    assert run.result.health is not None and run.result.health.requests > 0


def test_same_operations_on_the_correct_server_conform(conform: Callable[..., Run]) -> None:
    operations = sorted({op for _, ops, _ in BROKEN.values() for op in ops})
    run = conform(mock_app(), include_operations=tuple(operations), max_examples=10)

    assert run.result.exit_code == 0, run.output
    assert run.result.findings == ()


def test_broken_server_over_http_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    with serving(faults.wrong_content_type(mock_app())) as base_url:
        code = main(
            [
                "--base-url",
                base_url,
                "--client-id",
                DEV_CLIENT[0],
                "--client-secret",
                DEV_CLIENT[1],
                "--include-operation",
                "getHealth",
                "--max-examples",
                "5",
                "--report-dir",
                str(tmp_path),
            ]
        )
    out = capsys.readouterr().out
    assert code == EXIT_VIOLATIONS, out
    assert "[content_type_conformance] GET /api/v1/health" in out
    assert re.search(r"curl -X GET .*http://127\.0\.0\.1:\d+/api/v1/health", out)
    assert "content-type: text/plain" in out  # the response received
    assert "content_type_conformance" in (tmp_path / "junit.xml").read_text()
