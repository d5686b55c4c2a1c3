"""Stored records → the shapes the spec answers with (derived fields filled in)."""

from __future__ import annotations

from miso_mock.context import base_url, current
from miso_mock.handlers._common import Body, public
from miso_mock.store import Record, natural_key


def user_ref(user_id: str) -> Body:
    user = current().store.get("users", user_id)
    if user is None:  # the owner's record is gone; keep the reference well-formed
        return {"id": user_id, "name": user_id, "email": f"{user_id}@users.invalid"}
    return {"id": user["id"], "name": user["name"], "email": user["email"]}


def deployments_of(application_id: str) -> list[Record]:
    """An application's deployments, newest first."""
    store = current().store
    found = store.get_many("deployments", _deployment_ids(application_id))
    records = [d for d in found if d is not None]
    return sorted(records, key=lambda d: (d["created_at"], natural_key(d["id"])), reverse=True)


def _deployment_ids(application_id: str) -> list[str]:
    app = current().store.get("applications", application_id)
    if app is not None and "_deployment_ids" in app:
        return list(app["_deployment_ids"])
    return [
        d["id"] for d in current().store.all("deployments") if d["application_id"] == application_id
    ]


def deployment_ref(deployment: Record) -> Body:
    return {
        "id": deployment["id"],
        "status": deployment["status"],
        "created_at": deployment["created_at"],
        "image": deployment["image"],
    }


def _base(app: Record) -> Body:
    return {
        "id": app["id"],
        "name": app["name"],
        "description": app["description"],
        "status": app["status"],
        "environment": app["environment"],
        "created_at": app["created_at"],
        "updated_at": app["updated_at"],
        "owner": user_ref(app["owner_id"]),
    }


def application_summary(app: Record) -> Body:
    deployments = deployments_of(app["id"])
    latest = deployment_ref(deployments[0]) if deployments else None
    return {**_base(app), "deployments": {"total": len(deployments), "latest": latest}}


def application_detail(app: Record) -> Body:
    return {
        **_base(app),
        "configuration": app["configuration"],
        "deployments": [deployment_ref(d) for d in deployments_of(app["id"])],
    }


def deployment(record: Record) -> Body:
    body = public(record)
    body["logs"] = f"{base_url.get()}/api/v1/deployments/{record['id']}/logs"
    return body
