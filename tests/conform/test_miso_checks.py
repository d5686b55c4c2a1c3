"""The Miso checks: a mock broken in one of the reference's rules, with every
response still schema-valid, fails the run with the check named; the mock itself passes
every one of them, and each says how many responses it examined."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from miso_toolkit.conform import EXIT_CONFORMING, EXIT_ERROR, EXIT_VIOLATIONS, main

from tests.conform import rule_faults
from tests.conform.conftest import Run, mock_app, serving
from tests.conform.faults import Recorder
from tests.support.servers import DEV_CLIENT, VIEWER_CLIENT

VIEWER = {"viewer_client_id": VIEWER_CLIENT[0], "viewer_client_secret": VIEWER_CLIENT[1]}
MISO_CHECKS = (
    "miso_pagination",
    "miso_filters",
    "miso_sorting",
    "miso_writes_take_effect",
    "miso_error_envelope",
    "miso_rate_limit_headers",
    "miso_permissions",
)


def _viewer_may_create_webhooks(app: Any) -> Any:
    return rule_faults.viewer_may_create_webhooks(app, rule_faults.dev_token(app))


# (how the mock is broken, operations to test, the check that must catch it, the kind of breach)
BROKEN: dict[str, tuple[Callable[[Any], Any], tuple[str, ...], str, str]] = {
    "pages repeat the first page": (
        rule_faults.repeats_first_page,
        ("listUsers",),
        "miso_pagination",
        "walking every page",
    ),
    "one page too many": (
        rule_faults.pages_off_by_one,
        ("listUsers",),
        "miso_pagination",
        "`pages` is not ceil(total / limit)",
    ),
    "filter ignored": (
        rule_faults.ignores_role_filter,
        ("listUsers",),
        "miso_filters",
        "does not match the filter",
    ),
    "order reversed": (
        rule_faults.reverses_order,
        ("listUsers",),
        "miso_sorting",
        "not sorted",
    ),
    "update ignores a field": (
        rule_faults.ignores_description_on_update,
        ("updateApplication",),
        "miso_writes_take_effect",
        "does not return what was written",
    ),
    "delete removes nothing": (
        rule_faults.delete_does_nothing,
        ("createWebhook", "deleteWebhook"),
        "miso_writes_take_effect",
        "deleted resource is still served",
    ),
    "code wrong for the status": (
        rule_faults.wrong_error_code,
        ("getEnvironment",),
        "miso_error_envelope",
        "does not go with the HTTP status",
    ),
    "request_id is not the header": (
        rule_faults.request_id_mismatch,
        ("getEnvironment",),
        "miso_error_envelope",
        "`request_id` is not the `X-Request-ID` header",
    ),
    "Remaining above Limit": (
        rule_faults.remaining_above_limit,
        ("getHealth",),
        "miso_rate_limit_headers",
        "exceeds",
    ),
    "Remaining does not fall": (
        rule_faults.remaining_stuck,
        ("getHealth",),
        "miso_rate_limit_headers",
        "does not fall",
    ),
    "Reset in the past": (
        rule_faults.reset_in_the_past,
        ("getHealth",),
        "miso_rate_limit_headers",
        "not in the future",
    ),
    "viewer may write": (
        _viewer_may_create_webhooks,
        ("createWebhook",),
        "miso_permissions",
        "without the required permission was not refused",
    ),
    "viewer refused a read": (
        rule_faults.viewer_refused_environments,
        ("listEnvironments",),
        "miso_permissions",
        "holding the required permissions was refused",
    ),
}


@pytest.mark.parametrize("breakage", list(BROKEN))
def test_broken_rule_fails_with_the_check_named(breakage: str, conform: Callable[..., Run]) -> None:
    break_it, operations, check, title = BROKEN[breakage]
    run = conform(
        break_it(mock_app()),
        include_operations=operations,
        max_examples=5,
        workers=1,
        **VIEWER,
    )

    assert run.result.exit_code == EXIT_VIOLATIONS, run.output
    # Every response matched its schema: only the Miso check can tell (a deleted resource
    # still served is also what Schemathesis's own `use_after_free` looks for).
    assert check in run.result.failed_checks, run.output
    assert run.result.failed_checks - {check, "use_after_free"} == set(), run.output
    finding = next(f for f in run.result.findings if f.check == check)
    assert title in finding.title, finding
    assert f"[{check}]" in run.output
    assert f"`{check}`" in run.report("report.md")
    outcome = next(rule for rule in run.result.rules if rule.name == check)
    assert outcome.failed > 0 and outcome.examined >= outcome.failed
    junit = ElementTree.fromstring(run.report("junit.xml"))
    case = junit.find(f".//testcase[@classname='miso.conform.checks'][@name='{check}']")
    assert case is not None and case.find("failure") is not None
    assert run.result.cleanup is None or run.result.cleanup.leftovers == (), run.output


def test_mock_passes_every_miso_check(conform: Callable[..., Run]) -> None:
    operations = (
        "listUsers",
        "listApplications",
        "getApplication",
        "updateApplication",
        "createWebhook",
        "getWebhook",
        "deleteWebhook",
        "getEnvironment",
    )
    run = conform(mock_app(), include_operations=operations, max_examples=5, **VIEWER)

    assert run.result.exit_code == EXIT_CONFORMING, run.output
    # The seven checks of responses; `miso_oracle` (deliveries, tokens) has tests of its own.
    rules = [rule for rule in run.result.rules if rule.name != "miso_oracle"]
    assert tuple(rule.name for rule in rules) == MISO_CHECKS
    for rule in rules:
        assert rule.enabled and rule.failed == 0, rule
        assert rule.examined > 0, f"{rule.name} examined nothing: {rule.note}"
    # Each check has its own line in the summary and the report, with its count.
    report = run.report("report.md")
    for rule in rules:
        assert f"`{rule.name}` | {rule.explanation.replace('|', chr(92) + '|')}" in report
        assert f"| {rule.examined} | 0 |" in report
        assert any(
            rule.name in line and f" {rule.examined} " in line for line in run.output.splitlines()
        )


def test_without_a_viewer_the_permissions_check_says_it_examined_nothing(
    conform: Callable[..., Run],
) -> None:
    run = conform(mock_app(), include_operations=("getHealth",), max_examples=3)

    assert run.result.exit_code == EXIT_CONFORMING, run.output
    permissions = next(rule for rule in run.result.rules if rule.name == "miso_permissions")
    assert permissions.examined == 0
    assert "--viewer-client-id" in permissions.note
    assert "idle" in run.output and "--viewer-client-id" in run.report("report.md")
    junit = ElementTree.fromstring(run.report("junit.xml"))
    case = junit.find(".//testcase[@name='miso_permissions']")
    assert case is not None and case.find("skipped") is not None


def test_a_check_switched_off_in_the_config_is_reported_off(
    conform: Callable[..., Run], tmp_path: Path
) -> None:
    config = tmp_path / "schemathesis.toml"
    original = (Path(__file__).parents[2] / "schemathesis.toml").read_text()
    config.write_text(
        original.replace("miso_sorting.enabled = true", "miso_sorting.enabled = false")
    )
    run = conform(
        rule_faults.reverses_order(mock_app()),
        include_operations=("listUsers",),
        max_examples=5,
        config=config,
    )

    assert run.result.exit_code == EXIT_CONFORMING, run.output
    sorting = next(rule for rule in run.result.rules if rule.name == "miso_sorting")
    assert not sorting.enabled and sorting.examined == 0
    assert "switched off" in sorting.note


def test_read_only_viewer_pass_sends_only_safe_methods(conform: Callable[..., Run]) -> None:
    server = Recorder(mock_app())
    run = conform(
        server,
        base_url="https://miso.example.com",
        include_operations=("listUsers", "getEnvironment", "getApplication"),
        max_examples=3,
        **VIEWER,
    )

    assert run.result.exit_code == EXIT_CONFORMING, run.output
    permissions = next(rule for rule in run.result.rules if rule.name == "miso_permissions")
    assert permissions.examined > 0
    unsafe = {(m, p) for m, p in server.requests if m not in ("GET", "HEAD", "OPTIONS")}
    assert unsafe == {("POST", "/auth/token")}


def test_wrong_viewer_credentials_stop_the_run(conform: Callable[..., Run]) -> None:
    run = conform(
        mock_app(),
        include_operations=("getHealth",),
        viewer_client_id=VIEWER_CLIENT[0],
        viewer_client_secret="wrong",
    )

    assert run.result.exit_code == EXIT_ERROR
    assert "viewer client" in run.result.errors[0]
    assert "wrong" not in run.output


def test_viewer_credentials_on_the_command_line_or_in_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving(mock_app()) as base_url:
        args = [
            *("--base-url", base_url, "--client-id", DEV_CLIENT[0]),
            *("--client-secret", DEV_CLIENT[1], "--report-dir", str(tmp_path)),
            *("--include-operation", "getHealth", "listEnvironments", "--max-examples", "3"),
        ]
        half = main([*args, "--viewer-client-id", VIEWER_CLIENT[0]])
        refused = capsys.readouterr().err
        monkeypatch.setenv("MISO_VIEWER_CLIENT_ID", VIEWER_CLIENT[0])
        monkeypatch.setenv("MISO_VIEWER_CLIENT_SECRET", VIEWER_CLIENT[1])
        code = main(args)
    out = capsys.readouterr().out

    assert half == EXIT_ERROR and "--viewer-client-secret" in refused
    assert code == EXIT_CONFORMING, out
    line = next(line for line in out.splitlines() if "miso_permissions" in line)
    assert line.split()[:2] == ["ok", "miso_permissions"]
    assert VIEWER_CLIENT[1] not in out
