"""The reports: JUnit XML a CI server reads, Markdown a person reads, both free of secrets."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from miso_toolkit.conform import ConformanceResult, Finding, OperationSummary
from miso_toolkit.conform._redact import Redactor
from miso_toolkit.conform._report import junit_xml, markdown

FINDING = Finding(
    operation="GET /api/v1/users",
    check="response_schema_conformance",
    title="Response violates schema",
    message="'many' is not of type 'integer'",
    curl="curl -X GET -H 'Authorization: Bearer [REDACTED]' http://127.0.0.1:1/api/v1/users",
    status=200,
    response='HTTP 200 OK\ncontent-type: application/json\n\n{"pagination": {"total": "many"}}',
    phase="coverage",
)


def _result() -> ConformanceResult:
    return ConformanceResult(
        exit_code=1,
        base_url="http://127.0.0.1:1",
        writes_allowed=True,
        cases=10,
        wall_time=2.0,
        findings=(FINDING,),
        operations=(
            OperationSummary("GET /api/v1/users", cases=5, checks_passed=40, findings=1),
            OperationSummary("GET /api/v1/health", cases=5, checks_passed=40),
            OperationSummary("DELETE /api/v1/webhooks/{webhook_id}"),
        ),
        errors=(),
        notes=(),
        cleanup=None,
        report_dir=Path("reports"),
        seed=1,
    )


def test_junit_has_one_case_per_operation_and_names_the_check() -> None:
    suites = ElementTree.fromstring(junit_xml(_result()))
    assert suites.get("tests") == "3" and suites.get("failures") == "1"
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    failure = cases["GET /api/v1/users"].find("failure")
    assert failure is not None
    assert failure.get("message") == "response_schema_conformance"
    assert "curl -X GET" in (failure.text or "")
    assert cases["GET /api/v1/health"].find("failure") is None
    assert cases["DELETE /api/v1/webhooks/{webhook_id}"].find("skipped") is not None


def test_markdown_shows_check_reproduction_and_response() -> None:
    text = markdown(_result())
    assert "**violations found** (exit code 1)" in text
    assert "### 1. `response_schema_conformance`: GET /api/v1/users" in text
    assert "```sh\ncurl -X GET" in text
    assert '{"pagination": {"total": "many"}}' in text


def test_redactor_masks_known_secrets_and_anything_token_shaped() -> None:
    redact = Redactor()
    redact.add("s3cret-value")
    text = (
        "-H 'Authorization: [Filtered]' secret=s3cret-value "
        '{"access_token": "opaque-123"} eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'
    )
    assert redact(text) == (
        "-H 'Authorization: Bearer [REDACTED]' secret=[REDACTED] "
        '{"access_token": "[REDACTED]"} [REDACTED]'
    )
