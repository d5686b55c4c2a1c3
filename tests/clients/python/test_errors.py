"""Error answers become typed exceptions carrying the envelope; 429/503 can be retried."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from miso_client import (
    APIError,
    AuthorizationError,
    ConflictError,
    InternalServerError,
    MisoClient,
    MisoError,
    NotFoundError,
    RateLimitError,
    ServiceUnavailableError,
    ValidationError,
)
from miso_client._errors import error_from_response
from miso_client._retry import parse_retry_after
from miso_client.models import ErrorCode, FieldError, RateLimitDetails

from tests.support.servers import DEV_CLIENT, running_mock

from .conftest import FAST, RecordingTransport

APP = {"name": "err-app", "environment": "production", "configuration": {"image": "x:1"}}


def assert_envelope(error: APIError, status: int, code: str) -> None:
    assert (error.status_code, error.code) == (status, code)
    assert error.message
    assert error.request_id and error.request_id == error.headers["X-Request-ID"]
    assert error.timestamp is not None
    assert isinstance(error, MisoError)


def test_404_not_found(client: MisoClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.applications.get("app-missing")
    assert_envelope(caught.value, 404, "RESOURCE_NOT_FOUND")
    assert "app-missing" in str(caught.value)


def test_409_conflict(client: MisoClient) -> None:
    with pytest.raises(ConflictError) as caught:
        client.applications.create({**APP, "name": "my-application"})
    assert_envelope(caught.value, 409, "RESOURCE_CONFLICT")


def test_400_validation_lists_the_fields(client: MisoClient) -> None:
    with pytest.raises(ValidationError) as caught:
        client.applications.create({**APP, "configuration": {"image": "x:1", "replicas": -1}})
    assert_envelope(caught.value, 400, "VALIDATION_ERROR")
    details = caught.value.details
    assert isinstance(details, list) and details
    assert all(isinstance(item, FieldError) for item in details)


def test_unknown_fields_fail_before_sending(client: MisoClient) -> None:
    # The generated models of closed schemas would silently drop them.
    with pytest.raises(ValueError, match=r"unknown field\(s\): configuration.size, colour"):
        client.applications.create(
            {**APP, "colour": "blue", "configuration": {"image": "x", "size": 1}}
        )


def test_422_for_an_unknown_environment(client: MisoClient) -> None:
    with pytest.raises(ValidationError) as caught:
        client.applications.create({**APP, "environment": "nowhere"})
    assert_envelope(caught.value, 422, "VALIDATION_ERROR")


def test_403_for_the_viewer_client(viewer: MisoClient) -> None:
    assert viewer.applications.list().data  # reading is allowed
    with pytest.raises(AuthorizationError) as caught:
        viewer.applications.create(APP)
    assert_envelope(caught.value, 403, "AUTHORIZATION_ERROR")


def test_a_body_missing_required_fields_fails_before_sending(client: MisoClient) -> None:
    with pytest.raises(ValueError, match="ApplicationCreate body is missing required field"):
        client.applications.create({"name": "no-configuration"})


@pytest.fixture(scope="module")
def limited_mock() -> Iterator[str]:
    """Three requests a minute per client."""
    with running_mock(*FAST, "--rate-limit", "3/60") as url:
        yield url


def test_429_rate_limit_carries_retry_after(limited_mock: str) -> None:
    with MisoClient(limited_mock, *DEV_CLIENT, max_retries=0) as client:
        for _ in range(3):
            client.environments.list()
        with pytest.raises(RateLimitError) as caught:
            client.environments.list()
    error = caught.value
    assert_envelope(error, 429, "RATE_LIMIT_EXCEEDED")
    assert error.retry_after is not None and 0 < error.retry_after <= 60
    assert isinstance(error.details, RateLimitDetails)
    assert (error.details.limit, error.details.remaining) == (3, 0)


def test_retries_honour_retry_after() -> None:
    # 3 requests per 5 s window: within 8 calls one meets the limit however slow the machine is,
    # and its retry waits the window out (Retry-After) and succeeds.
    transport = RecordingTransport()
    with (
        running_mock(*FAST, "--rate-limit", "3/5") as url,
        MisoClient(url, *DEV_CLIENT, max_retries=5, transport=transport) as client,
    ):
        calls = 0
        while calls < 8 and 429 not in transport.paths_status("/api/v1/environments"):
            client.environments.list()
            calls += 1
    answers = transport.paths_status("/api/v1/environments")
    assert answers.count(200) == calls
    assert 429 in answers  # the limit was hit, and waited out


def test_503_and_its_retries() -> None:
    transport = RecordingTransport()
    with (
        running_mock(*FAST, "--error-rate", "1") as url,
        MisoClient(url, *DEV_CLIENT, max_retries=2, transport=transport) as client,
        pytest.raises(ServiceUnavailableError) as caught,
    ):
        client.environments.list()
    assert_envelope(caught.value, 503, "SERVICE_UNAVAILABLE")
    assert [status for _, _, status in transport.exchanges] == [503, 503, 503]


@pytest.mark.parametrize(
    ("status", "expected"),
    [(502, InternalServerError), (500, InternalServerError), (404, NotFoundError), (418, APIError)],
)
def test_answers_without_an_envelope_map_by_status(status: int, expected: type[APIError]) -> None:
    error = error_from_response(status, httpx.Headers({"X-Request-ID": "req-1"}), b"Bad Gateway")
    assert type(error) is expected
    assert (error.code, error.message, error.request_id) == ("UNKNOWN", "Bad Gateway", "req-1")


def test_the_code_wins_over_the_status() -> None:
    body = b'{"error": {"code": "RESOURCE_CONFLICT", "message": "taken", "request_id": "r",'
    body += b' "timestamp": "2024-01-15T10:30:00Z"}}'
    assert type(error_from_response(400, {}, body)) is ConflictError


def test_every_error_code_has_a_class() -> None:
    from miso_client._errors import BY_CODE

    assert set(BY_CODE) == set(ErrorCode)


def test_retry_after_as_seconds_or_http_date() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    from datetime import UTC, datetime

    assert parse_retry_after(date, now=lambda: datetime(2015, 10, 21, 7, 27, 30, tzinfo=UTC)) == 30
