"""Against anything but this machine only safe methods go out, unless writes are asked for;
checked on what the server actually received."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from miso_toolkit.conform import SAFE_METHODS, is_loopback, main
from miso_toolkit.conform._safety import UnsafeRequestRefused, refuse_unsafe, writes_allowed

from tests.conform.conftest import Run, mock_app, serving
from tests.conform.faults import Recorder
from tests.support.servers import get_token


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8080", True),
        ("http://127.1.2.3", True),
        ("http://[::1]:8080/prefix", True),
        ("http://localhost:8080", True),
        ("http://api.localhost", True),
        ("https://miso.example.com", False),
        ("http://10.0.0.5:8080", False),
        ("http://0.0.0.0:8080", False),
        ("http://localhost.example.com", False),
        ("http://127.0.0.1.nip.io", False),
    ],
)
def test_loopback_is_decided_from_the_url_alone(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback
    assert writes_allowed(url, None) is loopback
    assert writes_allowed(url, True) is True
    assert writes_allowed(url, False) is False


def test_non_loopback_host_gets_only_safe_methods(conform: Callable[..., Run]) -> None:
    server = Recorder(mock_app())
    run = conform(server, base_url="https://miso.example.com", max_examples=5)

    assert run.result.exit_code == 0, run.output
    assert not run.result.writes_allowed
    assert "read-only" in run.output
    unsafe = {(m, p) for m, p in server.requests if m not in SAFE_METHODS}
    # The one unsafe request is the run's own token request.
    assert unsafe == {("POST", "/auth/token")}
    assert len(server.requests) > 100


def test_allow_writes_against_a_remote_host(conform: Callable[..., Run]) -> None:
    server = Recorder(mock_app())
    run = conform(
        server,
        base_url="https://miso.example.com",
        allow_writes=True,
        include_operations=("createWebhook", "deleteWebhook", "getWebhook"),
        max_examples=5,
    )

    assert run.result.exit_code == 0, run.output
    assert ("POST", "/api/v1/webhooks") in server.requests
    assert run.result.cleanup is not None and run.result.cleanup.leftovers == ()


def test_read_only_over_http_sends_no_unsafe_method(capsys: pytest.CaptureFixture[str]) -> None:
    server = Recorder(mock_app())
    with serving(server) as base_url:
        token = get_token(base_url)
        server.requests.clear()
        code = main(
            ["--base-url", base_url, "--token", token, "--read-only", "--max-examples", "4"]
        )
    out = capsys.readouterr().out
    assert code == 0, out
    assert server.requests, "nothing was sent"
    assert {method for method, _ in server.requests} <= SAFE_METHODS
    assert "read-only" in out
    assert token not in out


def test_guard_refuses_an_unsafe_request_of_its_own_schema() -> None:
    schema = object()
    guard = refuse_unsafe(schema)
    operation = SimpleNamespace(schema=schema)
    guard(None, SimpleNamespace(operation=operation, method="GET", formatted_path="/x"), {})
    with pytest.raises(UnsafeRequestRefused, match="DELETE /x"):
        guard(None, SimpleNamespace(operation=operation, method="delete", formatted_path="/x"), {})
    other = SimpleNamespace(operation=SimpleNamespace(schema=object()), method="POST")
    guard(None, other, {})  # another run's schema: not this guard's business
