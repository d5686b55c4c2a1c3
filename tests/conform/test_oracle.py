"""The mock as the oracle: a mock broken in one way that every schema still accepts is caught
by `miso_oracle`, named, with both exchanges and a curl; the mock itself passes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from miso_toolkit.conform import EXIT_CONFORMING, EXIT_VIOLATIONS
from miso_toolkit.conform.oracle import CHECK, OracleSettings

from tests.conform import faults, oracle_faults
from tests.conform.conftest import Run, mock_app

# Schemathesis tests one cheap operation; the oracle's own scenarios are what is under test.
ORACLE_ONLY: dict[str, Any] = {
    "include_operations": ("getHealth",),
    "phases": ("examples",),
    # Asked for by name (operations were selected); a deployment of the mock under test ends
    # within a second, so a few seconds tell "never" apart.
    "oracle": OracleSettings(required=True, wait_seconds=4),
}

# (how the mock is broken, the operation whose step shows it, words the finding must carry)
BROKEN: dict[str, tuple[Callable[[Any], Any], str, str]] = {
    "deployment never reaches a final status": (
        oracle_faults.deployment_never_ends,
        "GET /api/v1/deployments/{deployment_id}",
        "never reaches",
    ),
    "deployment status moves backwards": (
        oracle_faults.deployment_status_goes_back,
        "GET /api/v1/deployments/{deployment_id}",
        "went back",
    ),
    "update drops a field it was given": (
        oracle_faults.update_drops_description,
        "PUT /api/v1/applications/{application_id}",
        "/description",
    ),
    "create ignores a field": (
        oracle_faults.create_ignores_description,
        "POST /api/v1/applications",
        "/description",
    ),
    "list filter ignored": (
        oracle_faults.list_filter_ignored,
        "GET /api/v1/applications",
        "the run's records listed",
    ),
    "list sorted the wrong way": (
        oracle_faults.list_sort_reversed,
        "GET /api/v1/applications",
        "order of the run's records",
    ),
    "list page ignored": (
        oracle_faults.list_page_ignored,
        "GET /api/v1/applications",
        "items of page",
    ),
    "a header the spec describes left out": (
        oracle_faults.update_without_request_id,
        "PUT /api/v1/applications/{application_id}",
        "header X-Request-ID",
    ),
    "deleted record still readable": (
        oracle_faults.delete_keeps_record,
        "GET /api/v1/applications/{application_id}",
        "status",
    ),
}


def _explain(run: Run) -> str:
    lines = [f"{f.check} {f.operation}: {f.title}\n{f.message}" for f in run.result.findings]
    return "\n".join([*lines, *run.result.errors, *run.result.notes])


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_oracle_catches(name: str, conform: Callable[..., Run]) -> None:
    breaks, operation, words = BROKEN[name]
    run = conform(breaks(mock_app()), **ORACLE_ONLY)

    assert run.result.exit_code == EXIT_VIOLATIONS, _explain(run)
    caught = [f for f in run.result.findings if f.check == CHECK and f.operation == operation]
    assert caught, _explain(run)
    finding = caught[0]
    assert words in finding.message, finding.message
    # Both exchanges side by side, the rule in words, and a way to repeat it.
    assert "Instance:" in finding.message and "Oracle (miso mock):" in finding.message
    assert finding.title.startswith("Differs from the oracle: ") and len(finding.title) > 30
    assert finding.curl.startswith("curl -X ")
    assert f"[{CHECK}]" in run.report("report.md") or CHECK in run.report("report.md")


def test_the_mock_passes_with_the_oracle_on(conform: Callable[..., Run]) -> None:
    run = conform(mock_app(), **ORACLE_ONLY)

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    assert run.result.findings == ()
    summary = next(n for n in run.result.notes if n.startswith("oracle: "))
    compared = int(summary.split()[1])
    assert compared > 30, summary  # it really compared the scenarios, not nothing
    assert "0 differed" in summary
    assert run.result.cleanup is not None and run.result.cleanup.leftovers == ()


def test_no_oracle_turns_it_off(conform: Callable[..., Run]) -> None:
    run = conform(
        oracle_faults.update_drops_description(mock_app()),
        **{**ORACLE_ONLY, "oracle": None},
    )

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    assert not any(n.startswith("oracle: ") for n in run.result.notes)


def test_the_command_line_turns_the_oracle_on_and_off() -> None:
    from miso_toolkit.conform._cli import _parser

    base = ["--base-url", "http://127.0.0.1:1"]
    assert _parser().parse_args(base).oracle is None  # on when the mock is installed
    assert _parser().parse_args([*base, "--oracle"]).oracle is True
    assert _parser().parse_args([*base, "--no-oracle"]).oracle is False


def test_an_example_the_instance_refuses_for_its_own_data_is_inconclusive(
    conform: Callable[..., Run],
) -> None:
    run = conform(oracle_faults.environments_of_its_own(mock_app()), **ORACLE_ONLY)

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    notes = [n for n in run.result.notes if n.startswith("oracle inconclusive:")]
    assert any("answered 422 to the spec's example" in note for note in notes), notes


def test_the_stateful_phase_s_own_scenarios_are_replayed_against_the_oracle(
    conform: Callable[..., Run],
) -> None:
    """Webhooks are none of the oracle's scripted scenarios (their bodies name a URL to call):
    a webhook served after its deletion is found by replaying the stateful phase."""
    run = conform(
        faults.deleted_still_served(mock_app()),
        include_operations=("createWebhook", "getWebhook", "deleteWebhook", "listWebhooks"),
        phases=("stateful",),
        oracle=OracleSettings(required=True, wait_seconds=4),
    )

    caught = [
        f
        for f in run.result.findings
        if f.check == CHECK and f.operation == "GET /api/v1/webhooks/{webhook_id}"
    ]
    assert caught, _explain(run)
    assert "replayed from the stateful phase" in caught[0].message
    assert "instance 200 accepted, oracle 404 not found" in caught[0].message


def test_the_mock_passes_the_replay_of_its_stateful_phase(conform: Callable[..., Run]) -> None:
    run = conform(
        mock_app(),
        include_operations=("createWebhook", "getWebhook", "deleteWebhook", "listWebhooks"),
        phases=("stateful",),
        oracle=OracleSettings(required=True, wait_seconds=4),
    )

    assert run.result.exit_code == EXIT_CONFORMING, _explain(run)
    summary = next(n for n in run.result.notes if n.startswith("oracle: "))
    replayed = int(summary.split("(")[1].split()[0])
    assert replayed > 20, summary


def test_a_replayed_query_is_sent_to_the_oracle_as_the_instance_got_it() -> None:
    """Only the ids the scenario created are mapped; every other pair, an empty name or value
    included, goes as it was sent (the instance judged exactly that query)."""
    import miso_contract
    from miso_toolkit.conform.oracle._normalise import IdMap
    from miso_toolkit.conform.oracle._replay import _oracle_path

    contract = miso_contract.bundle()
    listing = contract.operation("listWebhooks")
    reading = contract.operation("getApplication")
    assert listing is not None and reading is not None
    ids = IdMap()
    assert ids.pair("app-900", "app-7")
    path = "/api/v1/webhooks"
    assert _oracle_path(ids, listing, f"{path}?=") == f"{path}?="
    assert _oracle_path(ids, listing, f"{path}?a=1&&b=") == f"{path}?a=1&&b="
    assert _oracle_path(ids, listing, f"{path}?x=app-900") == f"{path}?x=app-7"
    assert _oracle_path(ids, listing, path) == path
    apps = "/api/v1/applications"
    assert _oracle_path(ids, reading, f"{apps}/app-900") == f"{apps}/app-7"
    assert _oracle_path(ids, reading, f"{apps}/app-1") is None


def test_a_replayed_validation_choice_is_inconclusive_not_a_difference() -> None:
    """400 on one side and 2xx on the other is how strict each is with invalid data, which the
    schema checks judge; not found against accepted is the records' state, which is the
    oracle's to judge."""
    from miso_toolkit.conform.oracle._replay import _validation_only

    assert _validation_only(400, 200) and _validation_only(201, 400)
    assert not _validation_only(404, 200)
    assert not _validation_only(200, 200)
    assert not _validation_only(400, 422)
    assert not _validation_only(500, 400)
