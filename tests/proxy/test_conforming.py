"""`miso proxy` in front of the real mock, as a person runs it: a frontend's everyday traffic
goes through unchanged, nothing is reported, the reports say so, and no secret that passed
through shows up in any output; the recording restores into `miso mock --state-file`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from tests.proxy.conftest import Session, proxy_process, token
from tests.support.servers import DEV_CLIENT, running_mock

WEBHOOK_SECRET = "whsec-proxy-test-0123456789abcdef"
NEW_APPLICATION = {
    "name": "recorded-through-the-proxy",
    "description": "created by a frontend behind miso proxy",
    "environment": "development",
    "configuration": {"image": "recorded:v1", "replicas": 2},
}
# The Miso rules the traffic below gives something to judge.
JUDGED_RULES = (
    "miso_pagination",
    "miso_filters",
    "miso_sorting",
    "miso_writes_take_effect",
    "miso_error_envelope",
    "miso_rate_limit_headers",
)


def everyday_traffic(client: httpx.Client) -> dict[str, str]:
    """What a frontend does in a session; returns the ids it created."""
    bearer = token(client)
    form = client.post(
        "/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": DEV_CLIENT[0],
            "client_secret": DEV_CLIENT[1],
        },
    )
    assert form.status_code == 200, form.text
    client.headers["Authorization"] = f"Bearer {bearer}"
    for path in (
        "/api/v1/applications",
        "/api/v1/applications?page=1&limit=1",
        "/api/v1/applications?status=active&sort=name:desc",
        "/api/v1/applications/app-123",
        "/api/v1/applications/app-123/configuration",
        "/api/v1/applications/app-123/deployments",
        "/api/v1/deployments/deploy-789",
        "/api/v1/deployments/deploy-789/logs",
        "/api/v1/environments",
        "/api/v1/environments/env-dev",
        "/api/v1/users?role=admin",
        "/api/v1/users?sort=name:asc&limit=2",
        "/api/v1/users/me",
        "/api/v1/health",
        "/api/v1/metrics",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text)
    assert client.get("/api/v1/environments/env-nowhere").status_code == 404
    assert httpx.get(f"{client.base_url}/api/v1/applications").status_code == 401
    created = client.post("/api/v1/applications", json=NEW_APPLICATION)
    assert created.status_code == 201, created.text
    app_id = created.json()["id"]
    updated = client.put(f"/api/v1/applications/{app_id}", json={"description": "changed"})
    assert updated.status_code == 200, updated.text
    assert client.get(f"/api/v1/applications/{app_id}").status_code == 200
    hook = client.post(
        "/api/v1/webhooks",
        json={
            "url": "https://hooks.example.com/miso",
            "events": ["deployment.completed"],
            "secret": WEBHOOK_SECRET,
        },
    )
    assert hook.status_code == 201, hook.text
    kept, dropped = hook.json()["id"], None
    other = client.post(
        "/api/v1/webhooks",
        json={
            "url": "https://hooks.example.com/other",
            "events": ["deployment.failed"],
            "secret": WEBHOOK_SECRET,
        },
    )
    assert other.status_code == 201, other.text
    dropped = other.json()["id"]
    assert client.delete(f"/api/v1/webhooks/{dropped}").status_code == 200
    assert client.get("/api/v1/webhooks").status_code == 200
    return {"application": app_id, "webhook": kept, "deleted webhook": dropped, "token": bearer}


def _outputs(session: Session, *files: Path) -> str:
    texts = [session.output, session.report("junit.xml"), session.report("report.md")]
    return "\n".join(texts + [path.read_text() for path in files])


def test_the_mock_passes_and_nothing_is_reported(tmp_path: Path) -> None:
    record = tmp_path / "staging.json"
    with (
        running_mock() as upstream,
        proxy_process(upstream, tmp_path / "reports", "--record", str(record)) as session,
        httpx.Client(base_url=session.url, timeout=30.0) as client,
    ):
        created = everyday_traffic(client)
    assert session.exit_code == 0, session.output
    assert "VIOLATION" not in session.output
    junit = session.report("junit.xml")
    assert "<failure" not in junit and "<error" not in junit
    markdown = session.report("report.md")
    assert "**conforming** (exit code 0)" in markdown
    for rule in JUDGED_RULES:  # each rule really judged something, and passed it
        assert re.search(rf"\| ok \| `{rule}` \|.*\| [1-9]\d* \| 0 \|", markdown), rule
    everything = _outputs(session, record, record.with_name(record.name + ".exchanges.jsonl"))
    # The served spec's own token example shows the dev client's (published) secret; what must
    # never show is the secret as a client sent it, so the served document is left out here.
    sent = "\n".join(line for line in everything.splitlines() if "openapi.json" not in line)
    for secret in (created["token"], WEBHOOK_SECRET, DEV_CLIENT[1]):
        assert secret not in sent
    assert created["token"] not in everything and WEBHOOK_SECRET not in everything
    assert "[REDACTED]" in everything


def test_a_recording_restores_into_the_mock(tmp_path: Path) -> None:
    """`--record FILE` is a state file: `miso mock --state-file FILE` serves what was seen."""
    record = tmp_path / "staging.json"
    with (
        running_mock() as upstream,
        proxy_process(upstream, tmp_path / "reports", "--record", str(record)) as session,
        httpx.Client(base_url=session.url, timeout=30.0) as client,
    ):
        created = everyday_traffic(client)
        seen = {
            path: client.get(path).json()
            for path in (
                f"/api/v1/applications/{created['application']}",
                f"/api/v1/webhooks/{created['webhook']}",
                "/api/v1/users/user-457",
            )
        }
    assert session.exit_code == 0, session.output
    log = record.with_name(record.name + ".exchanges.jsonl").read_text().splitlines()
    assert any(json.loads(line)["path"] == "/api/v1/webhooks" for line in log)
    with (
        running_mock("--state-file", str(record)) as local,
        httpx.Client(base_url=local, timeout=30.0) as client,
    ):
        client.headers["Authorization"] = f"Bearer {token(client)}"
        for path, body in seen.items():
            answer = client.get(path)
            assert answer.status_code == 200, (path, answer.text)
            restored = answer.json()
            for field in ("id", "name", "description", "url", "events", "email", "role"):
                assert restored.get(field) == body.get(field), (path, field)
        gone = client.get(f"/api/v1/webhooks/{created['deleted webhook']}")
        assert gone.status_code == 404
        # New ids continue after the recorded ones instead of reusing them.
        another = client.post("/api/v1/applications", json={**NEW_APPLICATION, "name": "next"})
        assert another.status_code == 201, another.text
        assert another.json()["id"] != created["application"]
