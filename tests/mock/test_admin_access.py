"""Who may use `/_mock/*`, what a state export shows, and which snapshots an import accepts."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from tests.mock.conftest import FAST, assert_envelope
from tests.support.servers import free_port, get_token, running_mock

APP = {"name": "kept", "environment": "production", "configuration": {"image": "kept:1"}}
ADMIN = "test-admin-token-1234"
SECRET = "s3cr3t-webhook-signing-key"
HOOK = {"url": "http://127.0.0.1:9/hook", "events": ["application.created"], "secret": SECRET}


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.test"},  # a web page's fetch, whatever its origin
        {"Origin": "null"},
        {"Origin": "http://localhost:3000"},
        {"Sec-Fetch-Site": "cross-site"},  # a page's no-cors request sends no Origin
        {"Host": "rebound.evil.test"},  # a page whose name now resolves to 127.0.0.1
        {"Authorization": "Bearer wrong-token"},
    ],
)
def test_web_pages_and_wrong_tokens_cannot_administer_a_local_mock(
    base_url: str, headers: dict[str, str]
) -> None:
    for method, path in (
        ("POST", "/_mock/reset"),
        ("GET", "/_mock/state"),
        ("PUT", "/_mock/state"),
    ):
        response = httpx.request(method, f"{base_url}{path}", headers=headers, json={})
        assert_envelope(response, 401, "AUTHENTICATION_ERROR")
        assert "admin token" in response.json()["error"]["message"]


def test_a_mock_listening_beyond_loopback_asks_everyone_for_the_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MISO_MOCK_ADMIN_TOKEN", ADMIN)
    with running_mock(*FAST, "--host", "0.0.0.0") as url:
        assert_envelope(httpx.post(f"{url}/_mock/reset"), 401, "AUTHENTICATION_ERROR")
        admin = {"Authorization": f"Bearer {ADMIN}"}
        assert httpx.post(f"{url}/_mock/reset", headers=admin).status_code == 200
        # The token works from a web page too: holding it is the permission.
        with_origin = {**admin, "Origin": "http://evil.test"}
        assert httpx.get(f"{url}/_mock/state", headers=with_origin).status_code == 200


def test_the_admin_token_option_and_the_banner(tmp_path: Path) -> None:
    with running_mock(*FAST, "--admin-token", ADMIN) as url:
        ok = httpx.get(f"{url}/_mock/state", headers={"Authorization": f"Bearer {ADMIN}"})
        assert ok.status_code == 200 and "records" in ok.json()
        refused = httpx.get(
            f"{url}/_mock/state", headers={"Authorization": "Bearer x", "Origin": "http://a.test"}
        )
        assert refused.status_code == 401


def test_secrets_stay_out_of_exports_unless_asked(api: httpx.Client, base_url: str) -> None:
    api.post("/api/v1/webhooks", json=HOOK).raise_for_status()
    plain = httpx.get(f"{base_url}/_mock/state")
    assert SECRET not in plain.text
    assert all("_secret" not in h for h in plain.json()["records"]["webhooks"].values())
    full = httpx.get(f"{base_url}/_mock/state?secrets=true").json()
    assert [h["_secret"] for h in full["records"]["webhooks"].values()] == [SECRET]
    # A redacted export cannot be imported as if it were whole: the answer says what to do.
    refused = httpx.put(f"{base_url}/_mock/state", json=plain.json())
    error = assert_envelope(refused, 400, "VALIDATION_ERROR")
    assert "secrets=true" in error["message"]
    assert httpx.put(f"{base_url}/_mock/state", json=full).status_code == 200


def _broken_snapshots(good: dict) -> list[tuple[str, bytes]]:
    missing_name = json.loads(json.dumps(good))
    del missing_name["records"]["applications"]["app-123"]["name"]
    bad_status = json.loads(json.dumps(good))
    bad_status["records"]["deployments"]["deploy-789"]["status"] = "deleted"
    wrong_key = json.loads(json.dumps(good))
    wrong_key["records"]["users"]["user-999"] = wrong_key["records"]["users"]["user-456"]
    colliding = json.loads(json.dumps(good))
    colliding["counters"]["applications"] = 1
    unknown_kind = json.loads(json.dumps(good))
    unknown_kind["records"]["gadgets"] = {}
    broken = [
        ("a record without a required field", missing_name),
        ("a status outside the enum", bad_status),
        ("a record under another id", wrong_key),
        ("counters behind the ids", colliding),
        ("an unknown kind", unknown_kind),
    ]
    deep = b'{"a": ' * 10_000 + b"{}" + b"}" * 10_000
    return [*((label, json.dumps(s).encode()) for label, s in broken), ("10,000 deep", deep)]


def test_a_malformed_snapshot_is_refused_and_a_restart_still_works(tmp_path: Path) -> None:
    state = tmp_path / "miso.json"
    port = free_port()
    with running_mock(*FAST, "--state-file", str(state), port=port) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        httpx.post(f"{url}/api/v1/applications", json=APP, headers=headers).raise_for_status()
        good = httpx.get(f"{url}/_mock/state?secrets=true").json()
        for label, snapshot in _broken_snapshots(good):
            response = httpx.put(f"{url}/_mock/state", content=snapshot, timeout=60)
            error = assert_envelope(response, 400, "VALIDATION_ERROR")
            assert error["details"], label
            listing = httpx.get(f"{url}/api/v1/applications", headers=headers)
            assert listing.status_code == 200 and listing.json()["pagination"]["total"] == 2, label
    # What was persisted is still the good state: the mock starts from it.
    with running_mock(*FAST, "--state-file", str(state), port=port) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        names = {
            a["name"]
            for a in httpx.get(f"{url}/api/v1/applications", headers=headers).json()["data"]
        }
        assert names == {"my-application", "kept"}
