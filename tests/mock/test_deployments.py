"""Deployments progress over simulated time, write logs, and stream them while they run."""

from __future__ import annotations

import json

import httpx

from tests.mock.conftest import wait_until
from tests.support.servers import get_token, running_mock


def deploy(api: httpx.Client, image: str, app: str = "app-123") -> dict:
    response = api.post(f"/api/v1/applications/{app}/deployments", json={"image": image})
    assert response.status_code == 201, response.text
    return response.json()


def status_of(api: httpx.Client, deployment_id: str) -> str:
    return str(api.get(f"/api/v1/deployments/{deployment_id}").json()["status"])


def test_deployment_succeeds_and_the_application_follows(api: httpx.Client) -> None:
    before = api.get("/api/v1/applications").json()["data"][0]
    created = deploy(api, "my-app:v1.3.0")
    assert created["status"] == "pending" and created["completed_at"] is None
    assert created["logs"].endswith(f"/api/v1/deployments/{created['id']}/logs")
    wait_until(lambda: status_of(api, created["id"]) == "success")
    done = api.get(f"/api/v1/deployments/{created['id']}").json()
    assert done["completed_at"] and done["duration"] is not None
    summary = api.get("/api/v1/applications").json()["data"][0]
    assert summary["deployments"]["total"] == before["deployments"]["total"] + 1
    assert summary["deployments"]["latest"]["id"] == created["id"]
    assert summary["updated_at"] > before["updated_at"]
    logs = api.get(f"/api/v1/deployments/{created['id']}/logs").json()["logs"]
    assert logs[0]["message"] == "Starting deployment"
    assert logs[-1]["message"] == "Deployment completed successfully"
    assert {line["source"] for line in logs} == {"miso-controller", "docker"}
    listed = api.get("/api/v1/applications/app-123/deployments?status=success").json()
    assert listed["data"][0]["id"] == created["id"]  # newest first


def test_image_tag_with_fail_makes_the_deployment_fail(api: httpx.Client) -> None:
    created = deploy(api, "my-app:fail")
    wait_until(lambda: status_of(api, created["id"]) == "failed")
    logs = api.get(f"/api/v1/deployments/{created['id']}/logs").json()["logs"]
    assert logs[-1]["level"] == "error"
    health = api.get("/api/v1/applications/app-123/health").json()
    assert (
        health["status"] == "unhealthy" and health["checks"]["deployment"]["status"] == "unhealthy"
    )
    errors = api.get("/api/v1/applications/app-123/logs?level=error").json()["logs"]
    assert errors and all(line["level"] == "error" for line in errors)


def test_lines_returns_the_last_n(api: httpx.Client) -> None:
    logs = api.get("/api/v1/deployments/deploy-789/logs?lines=2").json()["logs"]
    assert [line["message"] for line in logs] == [
        "Starting containers",
        "Deployment completed successfully",
    ]


def _events(response: httpx.Response) -> list[tuple[str, dict]]:
    events: list[tuple[str, dict]] = []
    name = ""
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[len("data: ") :])))
    return events


def test_follow_streams_lines_as_they_are_written_until_the_end() -> None:
    # At speed 1 a deployment takes seconds: the stream must deliver lines while it runs.
    with running_mock("--deploy-speed", "2") as url:
        token = get_token(url)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=30) as api:
            created = deploy(api, "my-app:v2.0.0")
            seen = {created["status"]}
            while "in_progress" not in seen and "success" not in seen:
                seen.add(status_of(api, created["id"]))
            assert "in_progress" in seen  # observed on the way, at half a second a step
            with api.stream(
                "GET", f"/api/v1/deployments/{created['id']}/logs?follow=true"
            ) as response:
                assert response.headers["content-type"].startswith("text/event-stream")
                events = _events(response)
            assert status_of(api, created["id"]) == "success"
    names = [name for name, _ in events]
    assert names[-1] == "end" and events[-1][1] == {"status": "success"}
    assert names.count("log") == 5
    stamps = [data["timestamp"] for name, data in events if name == "log"]
    assert stamps[0] < stamps[-1]  # written over time, not all at once


def test_follow_on_a_finished_deployment_sends_the_tail_and_ends(api: httpx.Client) -> None:
    with api.stream("GET", "/api/v1/deployments/deploy-789/logs?follow=true&lines=1") as response:
        events = _events(response)
    assert events == [
        ("log", api.get("/api/v1/deployments/deploy-789/logs?lines=1").json()["logs"][0]),
        ("end", {"status": "success"}),
    ]
