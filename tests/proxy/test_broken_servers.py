"""The proxy in front of a server broken in one way: the exchange that shows the breach is
reported under the check named, and with `errors=True` it is answered with a 502 that says so.

The broken servers are the conformance tests' own (the mock app behind a fault), so `miso
proxy` and `miso conform` are held to the same breaches.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conform import faults, rule_faults
from tests.conform.conftest import mock_app
from tests.proxy.conftest import proxied, token

Traffic = Callable[[httpx.Client], httpx.Response]


def _get(path: str, times: int = 1) -> Traffic:
    def send(client: httpx.Client) -> httpx.Response:
        answers = [client.get(path) for _ in range(times)]
        return answers[-1]

    return send


def _update_description(client: httpx.Client) -> httpx.Response:
    return client.put(
        "/api/v1/applications/app-123",
        json={"description": "described anew", "environment": "production"},
    )


def _create_then_delete_webhook(client: httpx.Client) -> httpx.Response:
    created = client.post(
        "/api/v1/webhooks",
        json={
            "url": "https://hooks.example.com/miso",
            "events": ["deployment.completed"],
            "secret": "whsec-never-shown-0123456789",
        },
    )
    assert created.status_code == 201, created.text
    return client.delete(f"/api/v1/webhooks/{created.json()['id']}")


# (how the server is broken, the traffic that shows it, the check that must name it)
BROKEN: dict[str, tuple[Callable[[Any], Any], Traffic, str]] = {
    "required field missing": (
        faults.missing_required_field,
        _get("/api/v1/environments/env-dev"),
        "response_schema_conformance",
    ),
    "field of the wrong type": (
        faults.wrong_field_type,
        _get("/api/v1/users"),
        "response_schema_conformance",
    ),
    "undocumented status": (
        faults.undocumented_status,
        _get("/api/v1/environments/env-nowhere"),
        "status_code_conformance",
    ),
    "wrong content type": (
        faults.wrong_content_type,
        _get("/api/v1/health"),
        "content_type_conformance",
    ),
    "documented header missing": (
        faults.missing_response_header,
        _get("/api/v1/environments"),
        "response_headers_conformance",
    ),
    "server error": (
        faults.server_error_on_input,
        _get("/api/v1/users?page=2&limit=1"),
        "not_a_server_error",
    ),
    "pages off by one": (
        rule_faults.pages_off_by_one,
        _get("/api/v1/users"),
        "miso_pagination",
    ),
    "pages repeat the first": (
        rule_faults.repeats_first_page,
        _get("/api/v1/users?limit=1"),
        "miso_pagination",
    ),
    "filter ignored": (
        rule_faults.ignores_role_filter,
        _get("/api/v1/users?role=viewer"),
        "miso_filters",
    ),
    "order reversed": (
        rule_faults.reverses_order,
        _get("/api/v1/users?sort=name:asc"),
        "miso_sorting",
    ),
    "update lost": (
        rule_faults.ignores_description_on_update,
        _update_description,
        "miso_writes_take_effect",
    ),
    "delete does nothing": (
        rule_faults.delete_does_nothing,
        _create_then_delete_webhook,
        "miso_writes_take_effect",
    ),
    "error code for another status": (
        rule_faults.wrong_error_code,
        _get("/api/v1/environments/env-nowhere"),
        "miso_error_envelope",
    ),
    "request_id differs": (
        rule_faults.request_id_mismatch,
        _get("/api/v1/environments/env-nowhere"),
        "miso_error_envelope",
    ),
    "remaining above limit": (
        rule_faults.remaining_above_limit,
        _get("/api/v1/health"),
        "miso_rate_limit_headers",
    ),
    "remaining does not fall": (
        rule_faults.remaining_stuck,
        _get("/api/v1/health", times=2),
        "miso_rate_limit_headers",
    ),
    "reset in the past": (
        rule_faults.reset_in_the_past,
        _get("/api/v1/health"),
        "miso_rate_limit_headers",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_breach_is_reported_and_answered_with_502(name: str, tmp_path: Path) -> None:
    breaking, traffic, check = BROKEN[name]
    with (
        proxied(breaking(mock_app()), tmp_path / "reports", errors=True) as session,
        session.client() as client,
    ):
        client.headers["Authorization"] = f"Bearer {token(client)}"
        answer = traffic(client)
    assert answer.status_code == 502, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert check in {violation["check"] for violation in problem["violations"]}
    assert check in problem["detail"]
    assert check in session.checks
    assert session.result is not None and session.result.exit_code == 1
    assert f"[{check}]" in session.output
    assert f'type="{check}"' in session.report("junit.xml") or check in session.report("junit.xml")
    assert f"`{check}`" in session.report("report.md")


def test_without_errors_the_answer_passes_through_unchanged(tmp_path: Path) -> None:
    """Only `errors=True` replaces an answer: by default the client gets what was sent."""
    with (
        proxied(faults.wrong_content_type(mock_app()), tmp_path / "reports") as session,
        session.client() as client,
    ):
        client.headers["Authorization"] = f"Bearer {token(client)}"
        answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/plain"
    assert answer.json()["status"]
    assert session.checks == {"content_type_conformance"}
    line = next(line for line in session.output.splitlines() if "VIOLATION" in line)
    assert "GET /api/v1/health" in line and "[content_type_conformance]" in line


def test_an_invalid_request_is_a_request_violation(tmp_path: Path) -> None:
    """What a client sends is judged too: a body that breaks its schema is named."""
    with proxied(mock_app(), tmp_path / "reports") as session, session.client() as client:
        client.headers["Authorization"] = f"Bearer {token(client)}"
        answer = client.post("/api/v1/applications", json={"name": 42})
    assert answer.status_code in (400, 422)
    assert "request_conformance" in session.checks
    assert session.result is not None
    finding = next(f for f in session.result.findings if f.check == "request_conformance")
    assert finding.operation == "POST /api/v1/applications"
