"""What a run creates is found from the spec's links, removed at the end, and whatever cannot be
removed is reported."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import miso_contract
from miso_toolkit.conform._cleanup import ResourceTracker
from miso_toolkit.conform._http import Reply

from tests.conform import faults
from tests.conform.conftest import Run, mock_app


def _recorder(method: str, path: str, status: int, body: bytes) -> Any:
    operation = SimpleNamespace(method=method, path=path, label=f"{method} {path}")
    response = SimpleNamespace(status_code=status, content=body)
    return SimpleNamespace(
        cases={"c1": SimpleNamespace(value=SimpleNamespace(operation=operation))},
        interactions={"c1": SimpleNamespace(response=response)},
    )


class FakeClient:
    def __init__(self, statuses: dict[tuple[str, str], int]) -> None:
        self.statuses = statuses
        self.sent: list[tuple[str, str]] = []

    def request(self, method: str, path: str, **_: Any) -> Reply:
        self.sent.append((method, path))
        return Reply(self.statuses.get((method, path), 404), b"")

    def close(self) -> None:
        pass


def test_created_resources_come_from_the_links_of_the_spec() -> None:
    tracker = ResourceTracker(miso_contract.bundle())
    tracker.observe(_recorder("post", "/api/v1/applications", 201, b'{"id": "app-9"}'))
    tracker.observe(
        _recorder(
            "post", "/api/v1/applications/{application_id}/deployments", 201, b'{"id": "deploy-3"}'
        )
    )
    tracker.observe(_recorder("post", "/api/v1/webhooks", 201, b'{"id": "wh-2"}'))
    tracker.observe(_recorder("post", "/api/v1/webhooks", 400, b'{"error": {}}'))
    tracker.observe(_recorder("post", "/auth/token", 200, b'{"access_token": "x"}'))

    created = {resource.name: resource for resource in tracker.created}
    assert set(created) == {
        "/api/v1/applications/app-9",
        "/api/v1/deployments/deploy-3",
        "/api/v1/webhooks/wh-2",
    }
    assert created["/api/v1/deployments/deploy-3"].delete is None  # goes with its application

    client = FakeClient(
        {
            ("DELETE", "/api/v1/applications/app-9"): 200,
            ("DELETE", "/api/v1/webhooks/wh-2"): 500,
            ("GET", "/api/v1/deployments/deploy-3"): 404,
        }
    )
    report = tracker.clean_up(client, {})
    # Newest first, then the check that the deployment went with its application.
    assert client.sent[:2] == [
        ("DELETE", "/api/v1/webhooks/wh-2"),
        ("DELETE", "/api/v1/applications/app-9"),
    ]
    assert report.created == 3 and report.deleted == 2
    assert [(left.resource, left.reason) for left in report.leftovers] == [
        ("/api/v1/webhooks/wh-2", "DELETE answered 500")
    ]


def test_leftovers_are_reported(conform: Callable[..., Run]) -> None:
    run = conform(
        faults.failing_delete(mock_app()), include_operations=("createWebhook",), max_examples=5
    )

    cleanup = run.result.cleanup
    assert cleanup is not None and cleanup.created > 0
    assert len(cleanup.leftovers) == cleanup.created
    assert "LEFT /api/v1/webhooks/" in run.output
    assert "DELETE answered 500" in run.report("report.md")
