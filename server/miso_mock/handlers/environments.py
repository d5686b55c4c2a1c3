"""Environments, with live counts of the applications in each."""

from __future__ import annotations

from miso_mock.context import current
from miso_mock.handlers._common import Body, Result, require
from miso_mock.store import Record, natural_key


def _present(env: Record) -> Body:
    store, name = current().store, env["name"].lower()
    total = store.count("applications", {"environment": name})
    active = store.count("applications", {"environment": name, "status": "active"})
    return {**env, "applications": {"total": total, "active": active}}


async def list_environments() -> Result:
    envs = sorted(current().store.all("environments"), key=lambda e: natural_key(e["id"]))
    return {"data": [_present(env) for env in envs]}, 200


async def get_environment(environment_id: str) -> Result:
    return _present(require("environments", environment_id, "Environment")), 200
