"""Applications: CRUD, configuration, access grants, health and logs."""

from __future__ import annotations

import time
from typing import Any

from miso_mock import clock
from miso_mock.context import current
from miso_mock.errors import MisoError, field_error, not_found
from miso_mock.handlers._common import (
    Body,
    Result,
    claims,
    conflict,
    environment_named,
    page_body,
    require,
    spec_default,
)
from miso_mock.handlers._present import (
    application_detail,
    application_summary,
    deployments_of,
)
from miso_mock.simulation import active_status
from miso_mock.store import Record, UniqueViolation


def _event_data(app: Record) -> Body:
    return {"id": app["id"], "name": app["name"], "status": app["status"]}


def _name_taken(name: str) -> MisoError:
    return conflict("name", f"An application named {name} already exists")


def _check_name_free(name: str, own_id: str | None = None) -> None:
    for other in current().store.find("applications", "name", name):
        if other["id"] != own_id:
            raise _name_taken(name)


def _with_defaults(configuration: Body) -> Body:
    replicas = configuration.get("replicas", spec_default("ApplicationConfiguration", "replicas"))
    return {**configuration, "replicas": replicas}


async def list_applications(
    page: int, limit: int, sort: str, status: str | None = None, environment: str | None = None
) -> Result:
    filters = {"status": status, "environment": environment}
    where = {field: value for field, value in filters.items() if value is not None}
    apps, total = current().store.page("applications", where, sort, (page - 1) * limit, limit)
    return page_body([application_summary(app) for app in apps], page, limit, total), 200


async def create_application(body: Body) -> Result:
    runtime = current()
    _check_name_free(body["name"])
    environment_named(body["environment"])
    app_id = runtime.store.next_id("applications", "app")
    now = clock.iso()
    app: Record = {
        "id": app_id,
        "name": body["name"],
        "description": body.get("description", spec_default("ApplicationCreate", "description")),
        "status": "creating",
        "environment": body["environment"],
        "created_at": now,
        "updated_at": now,
        "owner_id": claims()["sub"],
        "configuration": _with_defaults(body["configuration"]),
        "_deployment_ids": [],
    }
    try:
        runtime.store.put("applications", app_id, app, unique=("name",))
    except UniqueViolation:  # created on another replica since the check above
        raise _name_taken(body["name"]) from None
    runtime.store.put(
        "access",
        app_id,
        {
            "application_id": app_id,
            "grants": [{"user_id": app["owner_id"], "role": "owner"}],
            "updated_at": now,
        },
    )
    runtime.simulator.provision(app_id)
    runtime.webhooks.emit("application.created", _event_data(app))
    return application_detail(app), 201


async def get_application(application_id: str) -> Result:
    return application_detail(require("applications", application_id, "Application")), 200


def _store_update(app: Record, changes: Body) -> Record:
    """Apply `changes` to the application as stored when written, so that an update made
    meanwhile (another replica, the provisioning) keeps the fields this one does not set."""
    runtime = current()

    def merged(stored: Record) -> Record:
        updated = {**stored, **changes, "updated_at": clock.iso()}
        if "configuration" in changes and stored["status"] != "creating":
            updated["status"] = active_status(updated["configuration"]["replicas"])
        return updated

    unique = ("name",) if "name" in changes else ()
    try:
        updated = runtime.store.update("applications", app["id"], merged, unique)
    except UniqueViolation:
        raise _name_taken(changes["name"]) from None
    if updated is None:
        raise not_found("Application", app["id"])
    runtime.webhooks.emit("application.updated", _event_data(updated))
    return updated


async def update_application(application_id: str, body: Body) -> Result:
    app = require("applications", application_id, "Application")
    if "name" in body:
        _check_name_free(body["name"], own_id=application_id)
    if "environment" in body:
        environment_named(body["environment"])
    changes = dict(body)
    if "configuration" in changes:
        changes["configuration"] = _with_defaults(changes["configuration"])
    return application_detail(_store_update(app, changes)), 200


async def delete_application(application_id: str) -> Result:
    runtime = current()
    app = require("applications", application_id, "Application")
    for deployment in deployments_of(application_id):
        runtime.store.delete("deployments", deployment["id"])
        runtime.store.delete("logs", deployment["id"])
    runtime.store.delete("access", application_id)
    runtime.store.delete("applications", application_id)
    runtime.webhooks.emit("application.deleted", {**_event_data(app), "status": "deleted"})
    return {"message": "Application deleted successfully", "id": application_id}, 200


async def get_application_configuration(application_id: str) -> Result:
    return require("applications", application_id, "Application")["configuration"], 200


async def update_application_configuration(application_id: str, body: Body) -> Result:
    app = require("applications", application_id, "Application")
    updated = _store_update(app, {"configuration": _with_defaults(body)})
    return updated["configuration"], 200


async def get_application_access(application_id: str) -> Result:
    require("applications", application_id, "Application")
    return require("access", application_id, "Access list of application"), 200


async def update_application_access(application_id: str, body: Body) -> Result:
    runtime = current()
    require("applications", application_id, "Application")
    grants: list[Body] = body["grants"]
    seen: set[str] = set()
    for index, grant in enumerate(grants):
        field = f"grants[{index}].user_id"
        if runtime.store.get("users", grant["user_id"]) is None:
            raise field_error(422, field, f"No user {grant['user_id']}")
        if grant["user_id"] in seen:
            raise field_error(422, field, f"User {grant['user_id']} is granted twice")
        seen.add(grant["user_id"])
    owners = sum(1 for grant in grants if grant["role"] == "owner")
    if owners != 1:
        raise field_error(422, "grants", f"Exactly one grant must be owner, found {owners}")
    access = {"application_id": application_id, "grants": grants, "updated_at": clock.iso()}
    runtime.store.put("access", application_id, access)
    return access, 200


def _check(status: str, started: float) -> Body:
    return {"status": status, "response_time": f"{(time.perf_counter() - started) * 1000:.3f}ms"}


async def get_application_health(application_id: str) -> Result:
    started = time.perf_counter()
    app = require("applications", application_id, "Application")
    replicas_status = {
        "active": "healthy",
        "creating": "degraded",
        "inactive": "unhealthy",
        "failed": "unhealthy",
    }[app["status"]]
    replicas = _check(replicas_status, started)
    started = time.perf_counter()
    deployments = deployments_of(application_id)
    latest = deployments[0]["status"] if deployments else None
    deployment_status = {"success": "healthy", "failed": "unhealthy"}.get(latest or "", "degraded")
    checks = {"replicas": replicas, "deployment": _check(deployment_status, started)}
    order = ("healthy", "degraded", "unhealthy")
    overall = max((c["status"] for c in checks.values()), key=order.index)
    return {
        "application_id": application_id,
        "status": overall,
        "timestamp": clock.iso(),
        "checks": checks,
    }, 200


async def get_application_logs(application_id: str, lines: int, level: str | None = None) -> Result:
    require("applications", application_id, "Application")
    store = current().store
    levels = current().contract.enum("LogLevel")  # the spec lists them least severe first
    minimum = levels.index(level) if level else 0
    collected: list[Any] = []
    for deployment in reversed(deployments_of(application_id)):
        log = store.get("logs", deployment["id"])
        collected.extend(log["lines"] if log else [])
    selected = [line for line in collected if levels.index(line["level"]) >= minimum]
    return {"logs": selected[-lines:]}, 200
