"""A valid request for every operation, built from the spec's own examples."""

from __future__ import annotations

from typing import Any

from miso_contract import Operation, bundle

SEED_IDS = {
    "application_id": "app-123",
    "deployment_id": "deploy-789",
    "environment_id": "env-dev",
    "user_id": "user-456",
    "webhook_id": "wh-1",
}


def protected_operations() -> list[Operation]:
    return [op for op in bundle().operations if op.protected]


def example_request(op: Operation) -> dict[str, Any]:
    """Keyword arguments for `httpx.Client.request` that exercise `op` with its example body."""
    path = op.path
    for name, value in SEED_IDS.items():
        path = path.replace("{" + name + "}", value)
    request: dict[str, Any] = {"method": op.method, "url": path}
    body = op.definition.get("requestBody")
    if body:
        media = body["content"]["application/json"]
        examples = media.get("examples", {})
        request["json"] = next(iter(examples.values()))["value"] if examples else media["example"]
    return request
