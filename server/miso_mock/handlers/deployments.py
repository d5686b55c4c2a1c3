"""Deployments of an application, and their logs (a page of lines, or a live stream)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.responses import StreamingResponse

from miso_mock import clock
from miso_mock.context import current
from miso_mock.handlers._common import (
    Body,
    Result,
    environment_named,
    page_of,
    require,
    sort_records,
)
from miso_mock.handlers._present import deployment, deployments_of
from miso_mock.simulation import FINAL_STATUSES

KEEPALIVE_SECONDS = 15.0


async def list_deployments(
    application_id: str, page: int, limit: int, sort: str, status: str | None = None
) -> Result:
    require("applications", application_id, "Application")
    records = [d for d in deployments_of(application_id) if status is None or d["status"] == status]
    return page_of([deployment(d) for d in sort_records(records, sort)], page, limit), 200


async def create_deployment(application_id: str, body: Body) -> Result:
    runtime = current()
    app = require("applications", application_id, "Application")
    environment = body.get("environment", app["environment"])
    environment_named(environment)
    base = {key: value for key, value in app["configuration"].items() if key != "image"}
    deployment_id = runtime.store.next_id("deployments", "deploy")
    record = {
        "id": deployment_id,
        "application_id": application_id,
        "status": "pending",
        "image": body["image"],
        "environment": environment,
        "configuration": {**base, **body.get("configuration", {})},
        "created_at": clock.iso(),
        "completed_at": None,
        "duration": None,
    }
    runtime.store.put("deployments", deployment_id, record)
    runtime.store.put("logs", deployment_id, {"deployment_id": deployment_id, "lines": []})

    def with_deployment(stored: Body) -> Body:  # as stored now: another replica may add one too
        return {**stored, "_deployment_ids": [*stored.get("_deployment_ids", []), deployment_id]}

    runtime.store.update("applications", application_id, with_deployment)
    runtime.touch_application(application_id)
    runtime.simulator.deploy(deployment_id)
    return deployment(record), 201


async def get_deployment(deployment_id: str) -> Result:
    return deployment(require("deployments", deployment_id, "Deployment")), 200


async def get_deployment_logs(
    deployment_id: str, lines: int, follow: bool
) -> tuple[Body, int, dict[str, str]] | StreamingResponse:
    require("deployments", deployment_id, "Deployment")
    log = current().store.get("logs", deployment_id) or {"lines": []}
    if not follow:
        # Two media types are documented, so say which one this is.
        return {"logs": log["lines"][-lines:]}, 200, {"Content-Type": "application/json"}
    start = max(0, len(log["lines"]) - lines)
    return StreamingResponse(
        _follow(deployment_id, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _event(name: str, data: object) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


async def _follow(deployment_id: str, sent: int) -> AsyncIterator[str]:
    """Lines from `sent` on, then each new one, then `end` with the final status.

    The store is read again after every pause (a `yield` hands control to the client), and the
    wait for the next line starts with no pause in between, so no line is missed. A deployment
    without stored lines (the seeded history) has an empty log, not a missing one. Deleted
    mid-stream, it has no final status to report: the stream just ends.
    """
    runtime = current()
    while True:
        record = runtime.store.get("deployments", deployment_id)
        if record is None:
            return
        log = runtime.store.get("logs", deployment_id)
        lines = log["lines"] if log is not None else []
        if len(lines) > sent:
            for line in lines[sent:]:
                yield _event("log", line)
            sent = len(lines)
            continue
        if record["status"] in FINAL_STATUSES:
            yield _event("end", {"status": record["status"]})
            return
        if not await runtime.simulator.log_written.wait(KEEPALIVE_SECONDS):
            yield ": keepalive\n\n"
