"""Rate limiting, Prism-style `Prefer`, injected latency and errors, CORS."""

from __future__ import annotations

import time

import httpx

from tests.mock.conftest import FAST, assert_envelope
from tests.support.servers import get_token, running_mock

RATE_HEADERS = (
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-window",
)


def test_rate_limit_headers_everywhere_and_429_past_the_limit() -> None:
    with running_mock("--rate-limit", "3/3600") as url:
        token = get_token(url)  # request 1 of this client (no Authorization: keyed by address)
        headers = {"Authorization": f"Bearer {token}"}
        responses = [httpx.get(f"{url}/api/v1/environments", headers=headers) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    for response in responses:
        assert all(name in response.headers for name in RATE_HEADERS)
        assert response.headers["x-ratelimit-limit"] == "3"
        assert response.headers["x-ratelimit-window"] == "3600"
        assert int(response.headers["x-ratelimit-reset"]) > time.time()
    assert [r.headers["x-ratelimit-remaining"] for r in responses] == ["2", "1", "0", "0"]
    error = assert_envelope(responses[-1], 429, "RATE_LIMIT_EXCEEDED")
    assert error["details"]["limit"] == 3 and error["details"]["remaining"] == 0
    assert 1 <= int(responses[-1].headers["retry-after"]) <= 3600


def test_the_spec_and_docs_show_the_limit_without_using_it_up() -> None:
    with running_mock("--rate-limit", "2/60") as url:  # its start-up wait polls the spec
        spec = [httpx.get(f"{url}/api/v1/openapi.json") for _ in range(5)]
        assert all(r.status_code == 200 for r in spec)
        assert all(r.headers["x-ratelimit-limit"] == "2" for r in spec)
        tokens = [httpx.post(f"{url}/auth/token", json={}) for _ in range(3)]
    assert [r.status_code for r in tokens] == [400, 400, 429]


def test_prefer_selects_a_documented_response(api: httpx.Client) -> None:
    missing = api.get("/api/v1/applications/app-123", headers={"Prefer": "code=404"})
    assert_envelope(missing, 404, "RESOURCE_NOT_FOUND")
    named = api.get("/api/v1/deployments/deploy-789/logs", headers={"Prefer": "example=reference"})
    assert named.status_code == 200 and len(named.json()["logs"]) == 5
    limited = api.get("/api/v1/environments", headers={"Prefer": "code=429"})
    assert_envelope(limited, 429, "RATE_LIMIT_EXCEEDED")
    assert "retry-after" in limited.headers
    created = api.post(
        "/api/v1/applications",
        json={"name": "prefer-me", "environment": "production", "configuration": {"image": "x:1"}},
        headers={"Prefer": "code=201"},
    )
    assert created.status_code == 201 and created.json()["id"] == "app-124"  # the example
    assert api.get("/api/v1/applications").json()["pagination"]["total"] == 1  # nothing stored


def test_prefer_an_undocumented_choice_is_a_clear_400(api: httpx.Client) -> None:
    error = assert_envelope(
        api.get("/api/v1/environments", headers={"Prefer": "code=418"}), 400, "VALIDATION_ERROR"
    )
    assert error["details"][0]["field"] == "Prefer"
    assert_envelope(
        api.get("/api/v1/environments", headers={"Prefer": "example=nope"}), 400, "VALIDATION_ERROR"
    )


def test_prefer_does_not_bypass_security(base_url: str) -> None:
    response = httpx.get(f"{base_url}/api/v1/environments", headers={"Prefer": "code=200"})
    assert_envelope(response, 401, "AUTHENTICATION_ERROR")


def test_latency_is_added_to_every_request() -> None:
    with running_mock(*FAST, "--latency", "300") as url:
        started = time.perf_counter()
        httpx.post(f"{url}/auth/token", json={"grant_type": "client_credentials"})
        # A lower bound only: a busy machine makes it slower, never faster.
        assert time.perf_counter() - started >= 0.3


def test_error_rate_injects_503_in_the_envelope() -> None:
    with running_mock(*FAST, "--error-rate", "1") as url:
        response = httpx.get(f"{url}/api/v1/environments")
        assert_envelope(response, 503, "SERVICE_UNAVAILABLE")
        assert httpx.get(f"{url}/api/v1/openapi.json").status_code == 200  # tooling is spared
    with running_mock(*FAST, "--error-rate", "0.5", "--seed", "7") as url:
        statuses = {httpx.get(f"{url}/.well-known/jwks.json").status_code for _ in range(40)}
        assert statuses == {200, 503}


def _preflight(url: str, origin: str, method: str = "POST") -> httpx.Response:
    return httpx.options(
        url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "Authorization, Prefer, Content-Type",
        },
    )


def test_cors_answers_the_loopback_dev_origins_only(base_url: str) -> None:
    preflight = _preflight(f"{base_url}/api/v1/applications", "http://localhost:3000")
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert preflight.headers["access-control-allow-credentials"] == "true"
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "prefer" in allowed
    simple = httpx.get(f"{base_url}/api/v1/environments", headers={"Origin": "http://[::1]:5173"})
    assert simple.headers["access-control-allow-origin"] == "http://[::1]:5173"
    assert "x-request-id" in simple.headers["access-control-expose-headers"].lower()
    for origin in ("http://app.test", "null", "http://localhost.evil.test:3000"):
        answer = httpx.get(f"{base_url}/api/v1/environments", headers={"Origin": origin})
        assert "access-control-allow-origin" not in answer.headers, origin
        refused = _preflight(f"{base_url}/api/v1/applications", origin)
        assert "access-control-allow-origin" not in refused.headers, origin


def test_cors_never_covers_mock_administration(base_url: str) -> None:
    for method, path in (("PUT", "/_mock/state"), ("POST", "/_mock/reset")):
        preflight = _preflight(f"{base_url}{path}", "http://localhost:3000", method)
        assert "access-control-allow-origin" not in preflight.headers
        assert preflight.status_code != 200


def test_cors_origins_option_any_origin_without_credentials_and_off() -> None:
    listed = "https://app.example.com,http://dev.example.com:*"
    with running_mock(*FAST, "--cors-origins", listed) as url:
        for origin in ("https://app.example.com", "http://dev.example.com:8000"):
            answer = httpx.get(f"{url}/api/v1/environments", headers={"Origin": origin})
            assert answer.headers["access-control-allow-origin"] == origin
        other = httpx.get(f"{url}/api/v1/environments", headers={"Origin": "http://localhost:3000"})
        assert "access-control-allow-origin" not in other.headers
    with running_mock(*FAST, "--cors-origins", "*") as url:
        answer = httpx.get(f"{url}/api/v1/environments", headers={"Origin": "http://app.test"})
        assert answer.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in answer.headers
    with running_mock(*FAST, "--no-cors") as url:
        plain = httpx.get(f"{url}/api/v1/environments", headers={"Origin": "http://localhost:3000"})
        assert "access-control-allow-origin" not in plain.headers
