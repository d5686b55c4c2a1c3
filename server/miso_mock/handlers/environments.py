"""Environments, with live counts of the applications in each."""

from __future__ import annotations

from miso_mock.context import current
from miso_mock.handlers._common import Body, Result, require
from miso_mock.store import Record, natural_key


def _present(env: Record) -> Body:
    apps = [
        app
        for app in current().store.all("applications")
        if app["environment"] == env["name"].lower()
    ]
    active = sum(1 for app in apps if app["status"] == "active")
    return {**env, "applications": {"total": len(apps), "active": active}}


async def list_environments() -> Result:
    envs = sorted(current().store.all("environments"), key=lambda e: natural_key(e["id"]))
    return {"data": [_present(env) for env in envs]}, 200


async def get_environment(environment_id: str) -> Result:
    return _present(require("environments", environment_id, "Environment")), 200
