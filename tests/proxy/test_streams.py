"""A log stream (`text/event-stream`) goes through the proxy as it is written, not when it
ends, also with `errors=True` (an event stream is never held back); it is still judged."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.conform.conftest import mock_app
from tests.proxy.conftest import proxied, token

UNFINISHED = {"pending", "in_progress"}


@pytest.mark.parametrize("errors", [False, True])
def test_log_stream_arrives_incrementally(errors: bool, tmp_path: Path) -> None:
    # One deployment step a second: the stream lasts several seconds, the deployment too.
    app = mock_app(deploy_speed=1.0)
    with (
        proxied(app, tmp_path / "reports", errors=errors) as session,
        session.client() as client,
    ):
        client.headers["Authorization"] = f"Bearer {token(client)}"
        deployment = client.post(
            "/api/v1/applications/app-123/deployments", json={"image": "my-app:v9.9.9"}
        )
        assert deployment.status_code in (201, 202), deployment.text
        deployment_id = deployment.json()["id"]
        events: list[str] = []
        status_at_first_event = None
        path = f"/api/v1/deployments/{deployment_id}/logs?follow=true"
        with client.stream("GET", path) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            for line in stream.iter_lines():
                if not line.startswith("event:"):
                    continue
                events.append(line.split(":", 1)[1].strip())
                if status_at_first_event is None:
                    # Asked of the instance directly, while the stream is still open: the
                    # first event came through before the deployment (and its log) ended.
                    direct = httpx.get(
                        f"{session.upstream}/api/v1/deployments/{deployment_id}",
                        headers={"Authorization": client.headers["Authorization"]},
                    )
                    status_at_first_event = direct.json()["status"]
    assert status_at_first_event in UNFINISHED
    assert events[0] == "log" and events[-1] == "end"
    assert session.result is not None and session.result.exit_code == 0, session.output
    streamed = "GET /api/v1/deployments/{deployment_id}/logs"
    summary = next(op for op in session.result.operations if op.label == streamed)
    assert summary.cases == 1 and summary.checks_passed > 0
