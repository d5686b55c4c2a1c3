"""Tokens come from the instance's own token endpoint and are renewed before they expire;
credentials never show up in output; bad credentials or no server end in exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from miso_toolkit.conform import EXIT_ERROR, main
from miso_toolkit.conform._auth import AuthError, Credentials, TokenSource
from miso_toolkit.conform._http import Reply
from miso_toolkit.conform._redact import Redactor

from tests.conform.conftest import Run, mock_app
from tests.conform.faults import Recorder
from tests.support.servers import free_port


class FakeTokenEndpoint:
    def __init__(self, expires_in: int = 100, status: int = 200) -> None:
        self.calls = 0
        self.expires_in = expires_in
        self.status = status

    def request(self, method: str, path: str, **kwargs: Any) -> Reply:
        assert (method, path) == ("POST", "/auth/token")
        assert kwargs["json_body"]["grant_type"] == "client_credentials"
        self.calls += 1
        if self.status != 200:
            return Reply(self.status, b'{"error": {"message": "unknown client or wrong secret"}}')
        body = f'{{"access_token": "token-{self.calls}", "expires_in": {self.expires_in}}}'
        return Reply(200, body.encode())

    def close(self) -> None:
        pass


def test_token_is_renewed_before_it_expires() -> None:
    now = [0.0]
    endpoint = FakeTokenEndpoint(expires_in=100)
    redact = Redactor()
    source = TokenSource(
        endpoint, redact, credentials=Credentials("id", "s3cret"), clock=lambda: now[0]
    )
    assert source.token() == "token-1"
    now[0] = 49.0
    assert source.token() == "token-1"
    now[0] = 51.0  # within the renewal margin (half of a short lifetime)
    assert source.token() == "token-2"
    assert endpoint.calls == 2
    assert redact("token-2 and s3cret") == "[REDACTED] and [REDACTED]"


def test_refused_credentials_raise_without_the_secret() -> None:
    source = TokenSource(
        FakeTokenEndpoint(status=401), Redactor(), credentials=Credentials("id", "s3cret")
    )
    with pytest.raises(AuthError, match="401: unknown client") as error:
        source.token()
    assert "s3cret" not in str(error.value)


def test_short_lived_tokens_are_renewed_during_a_run(conform: Callable[..., Run]) -> None:
    # Two-second tokens, and each request slowed down so that the run outlives a few of them.
    server = Recorder(mock_app(token_ttl=2, latency_ms=(15, 15)))
    run = conform(
        server,
        include_operations=("listUsers", "listApplications"),
        phases=("coverage", "fuzzing"),
        max_examples=10,
        workers=1,
    )

    assert run.result.exit_code == 0, run.output
    assert run.result.wall_time > 4, "the run must outlive a token"
    assert server.requests.count(("POST", "/auth/token")) >= 3


def test_wrong_secret_is_a_usage_error(
    conform: Callable[..., Run], capsys: pytest.CaptureFixture[str]
) -> None:
    run = conform(mock_app(), client_secret="not-the-secret")

    assert run.result.exit_code == EXIT_ERROR
    err = capsys.readouterr().err
    assert "POST /auth/token answered 401" in err
    assert "not-the-secret" not in err + run.output + run.report("report.md")


def test_unreachable_instance_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code = main(["--base-url", url, "--client-id", "a", "--client-secret", "b", "--quiet"])
    assert code == EXIT_ERROR
    assert "ConnectError" in capsys.readouterr().err


def test_given_token_is_used_as_is(conform: Callable[..., Run]) -> None:
    app = mock_app()
    from miso_toolkit.conform._http import AsgiClient

    reply = AsgiClient(app, "http://testserver").request(
        "POST",
        "/auth/token",
        json_body={
            "client_id": "miso-dev",
            "client_secret": "miso-dev-secret",
            "grant_type": "client_credentials",
        },
    )
    token = reply.json()["access_token"]
    server = Recorder(app)
    run = conform(
        server,
        client_id=None,
        client_secret=None,
        token=token,
        include_operations=("getCurrentUser",),
        max_examples=5,
    )
    assert run.result.exit_code == 0, run.output
    assert ("POST", "/auth/token") not in server.requests
    assert token not in run.output
