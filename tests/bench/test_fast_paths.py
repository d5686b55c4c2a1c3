"""The mock's performance shortcuts keep its behaviour: what they skip is only repeated work."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from miso_mock import auth, metrics
from miso_mock.auth import DEV_CLIENTS, Authority, TokenError
from miso_mock.file_store import FileStore
from miso_mock.store import MemoryStore, interned

from tests.support.servers import get_token, running_mock


@pytest.fixture(scope="module")
def authority() -> Authority:
    return Authority("http://mock", token_ttl=60)


def test_cached_token_still_expires() -> None:
    authority = Authority("http://mock", token_ttl=1)
    token = authority.issue(DEV_CLIENTS[0], "api")["access_token"]
    claims = authority.verify(token)
    assert authority.verify(token) == claims  # the second answer comes from the cache
    time.sleep(max(0.0, claims["exp"] - time.time()) + 0.05)
    with pytest.raises(TokenError, match="expired"):
        authority.verify(token)


def test_cache_hands_out_copies(authority: Authority) -> None:
    token = authority.issue(DEV_CLIENTS[1], "api")["access_token"]
    authority.verify(token)["permissions"] = ["miso:admin"]
    authority.verify(token).clear()
    assert authority.verify(token)["permissions"] == ["miso:read"]


def test_only_verified_tokens_are_remembered(authority: Authority) -> None:
    token = authority.issue(DEV_CLIENTS[0], "api")["access_token"]
    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{signature[::-1]}"
    for _ in range(2):
        with pytest.raises(TokenError):
            authority.verify(forged)


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "MAX_VERIFIED", 3)
    authority = Authority("http://mock", token_ttl=60)
    tokens = [authority.issue(DEV_CLIENTS[0], "api") for _ in range(5)]
    for answer in tokens:
        authority.verify(answer["access_token"])
    assert len(authority._verified) <= 3
    assert authority.verify(tokens[0]["access_token"])["sub"] == "user-456"


@pytest.mark.parametrize("store_class", ["memory", "file"])
def test_find_follows_every_write(store_class: str, tmp_path: Path) -> None:
    initial = {"records": {"apps": {"a-1": {"id": "a-1", "name": "one"}}}, "counters": {}}
    store = MemoryStore(initial) if store_class == "memory" else FileStore(tmp_path / "s", initial)
    assert [r["id"] for r in store.find("apps", "name", "one")] == ["a-1"]
    store.put("apps", "a-2", {"id": "a-2", "name": "two"})
    store.put("apps", "a-1", {"id": "a-1", "name": "renamed"})
    assert store.find("apps", "name", "one") == []
    assert [r["id"] for r in store.find("apps", "name", "renamed")] == ["a-1"]
    store.put("apps", "a-3", {"id": "a-3", "name": "two"})
    assert [r["id"] for r in store.find("apps", "name", "two")] == ["a-2", "a-3"]
    store.delete("apps", "a-2")
    assert [r["id"] for r in store.find("apps", "name", "two")] == ["a-3"]
    store.restore(initial)
    assert store.find("apps", "name", "two") == []
    assert [r["id"] for r in store.find("apps", "name", "one")] == ["a-1"]
    assert store.find("nothing", "name", "one") == []


def test_standard_headers_without_response_validation() -> None:
    """As users run it (response validation off), every answer still carries the standard
    headers, from success to a validation error and a Prefer-chosen example."""
    with running_mock("--no-validate-responses") as url:
        token = get_token(url)
        auth = {"Authorization": f"Bearer {token}", "X-Request-ID": "bench-check-1"}
        with httpx.Client(base_url=url, headers=auth) as client:
            answers = [
                client.get("/api/v1/applications", params={"limit": 20}),
                client.get("/api/v1/applications", params={"limit": 0}),
                client.get("/api/v1/applications/app-123", headers={"Prefer": "code=404"}),
            ]
    assert [a.status_code for a in answers] == [200, 400, 404]
    for answer in answers:
        assert answer.headers["x-request-id"] == "bench-check-1"
        assert int(answer.headers["x-ratelimit-limit"]) > 0
        assert answer.headers["x-ratelimit-window"]


def test_request_log_keeps_the_most_recent_requests_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "MAX_LABEL_SETS", 4)
    log = metrics.RequestLog(capacity=5)
    for i in range(12):  # a new method every request: label sets must not pile up
        log.append(float(i), i / 100, (f"M{i}", "/x", 200))
    rows = list(log.rows(0.0))
    assert [at for at, _, _ in rows] == [7.0, 8.0, 9.0, 10.0, 11.0]
    assert [log.labels(n)[0] for _, _, n in rows] == [("method", f"M{i}") for i in range(7, 12)]
    assert [seconds for _, seconds, _ in log.rows(10.0)] == [0.10, 0.11]
    assert len(log._label_sets) <= 2 * 5


def test_request_metrics_count_and_time_each_request(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1_700_000_000.0]
    monkeypatch.setattr(metrics.clock, "epoch", lambda: now[0])
    recorded = metrics.Metrics()
    for seconds in (0.1, 0.2, 0.3):
        recorded.record_request("GET", "/api/v1/health", 200, seconds)
        now[0] += 0.25
    recorded.record_request("GET", "/api/v1/health", 503, 1.0)
    total = recorded.query("http_requests_total", "5m", "sum")
    assert [(p["labels"]["status"], p["value"]) for p in total] == [("200", 3.0), ("503", 1.0)]
    durations = recorded.query("http_request_duration_seconds", "5m", "max")
    assert [(p["labels"]["status"], p["value"]) for p in durations] == [("200", 0.3), ("503", 1.0)]


def test_interned_documents_share_their_strings_and_keep_their_values() -> None:
    def parsed(text: str) -> Any:
        return json.loads(text)

    body = '{"environment": "production", "configuration": {"tags": ["web", "web"], "n": 1}}'
    first, second = interned(parsed(body)), interned(parsed(body))
    assert first == second == parsed(body)
    assert first["environment"] is second["environment"]
    assert first["configuration"]["tags"][0] is second["configuration"]["tags"][1]
    assert next(iter(first)) is next(iter(second))  # keys too
