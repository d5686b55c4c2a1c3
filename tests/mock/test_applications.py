"""Applications behave like a real backend: CRUD persists, lists page, filter and sort."""

from __future__ import annotations

import json
import math

import httpx
import pytest

from tests.mock.conftest import assert_envelope, wait_until


def new_app(name: str, environment: str = "production", replicas: int = 1) -> dict:
    return {
        "name": name,
        "description": f"{name} description",
        "environment": environment,
        "configuration": {"image": f"{name}:latest", "replicas": replicas},
    }


def test_create_get_update_delete(api: httpx.Client) -> None:
    created = api.post("/api/v1/applications", json=new_app("shop"))
    assert created.status_code == 201, created.text
    app = created.json()
    assert app["status"] == "creating" and app["owner"]["id"] == "user-456"
    assert app["deployments"] == [] and app["configuration"]["replicas"] == 1
    assert api.get(f"/api/v1/applications/{app['id']}").json()["name"] == "shop"

    updated = api.put(
        f"/api/v1/applications/{app['id']}",
        json={"description": "changed", "configuration": {"image": "shop:v2", "replicas": 2}},
    )
    assert updated.status_code == 200, updated.text
    again = api.get(f"/api/v1/applications/{app['id']}").json()
    assert again["description"] == "changed" and again["configuration"]["image"] == "shop:v2"
    assert again["name"] == "shop"  # fields left out keep their value
    assert again["updated_at"] >= app["updated_at"]

    deleted = api.delete(f"/api/v1/applications/{app['id']}")
    assert deleted.json() == {"message": "Application deleted successfully", "id": app["id"]}
    for path in ("", "/configuration", "/access", "/health", "/logs", "/deployments"):
        gone = api.get(f"/api/v1/applications/{app['id']}{path}")
        assert_envelope(gone, 404, "RESOURCE_NOT_FOUND")


def test_unknown_ids_are_404(api: httpx.Client) -> None:
    for path in (
        "/api/v1/applications/app-999",
        "/api/v1/deployments/deploy-1",
        "/api/v1/environments/env-nope",
        "/api/v1/users/user-1",
        "/api/v1/webhooks/wh-404",
    ):
        assert_envelope(api.get(path), 404, "RESOURCE_NOT_FOUND")
    assert_envelope(api.delete("/api/v1/applications/app-999"), 404, "RESOURCE_NOT_FOUND")


def test_duplicate_name_conflicts_and_unknown_environment_is_422(api: httpx.Client) -> None:
    duplicate = api.post("/api/v1/applications", json=new_app("my-application"))
    error = assert_envelope(duplicate, 409, "RESOURCE_CONFLICT")
    assert error["details"][0]["field"] == "name"
    other = api.post("/api/v1/applications", json=new_app("other")).json()
    rename = api.put(f"/api/v1/applications/{other['id']}", json={"name": "my-application"})
    assert_envelope(rename, 409, "RESOURCE_CONFLICT")
    staging = api.post("/api/v1/applications", json=new_app("x", environment="staging"))
    assert_envelope(staging, 422, "VALIDATION_ERROR")
    names = [a["name"] for a in api.get("/api/v1/applications?limit=100").json()["data"]]
    assert sorted(names) == ["my-application", "other"]


@pytest.mark.parametrize("limit", [1, 3, 7, 20])
def test_pagination_walks_every_item_once(api: httpx.Client, limit: int) -> None:
    for i in range(12):
        api.post("/api/v1/applications", json=new_app(f"app-{i:02d}")).raise_for_status()
    total = 13
    seen: list[str] = []
    page = 1
    while True:
        body = api.get(f"/api/v1/applications?page={page}&limit={limit}").json()
        meta = body["pagination"]
        assert meta == {
            "page": page,
            "limit": limit,
            "total": total,
            "pages": math.ceil(total / limit),
            "has_next": page < math.ceil(total / limit),
            "has_prev": page > 1,
        }
        assert len(body["data"]) <= limit
        seen += [item["id"] for item in body["data"]]
        if not meta["has_next"]:
            break
        page += 1
    assert len(seen) == len(set(seen)) == total
    beyond = api.get(f"/api/v1/applications?page={page + 1}&limit={limit}").json()
    assert beyond["data"] == [] and beyond["pagination"]["has_prev"] is True


def test_filters_and_sorting(api: httpx.Client) -> None:
    api.post("/api/v1/applications", json=new_app("zeta", "development")).raise_for_status()
    api.post("/api/v1/applications", json=new_app("alpha", "development")).raise_for_status()
    api.post("/api/v1/applications", json=new_app("mid", "production", replicas=0))
    dev = api.get("/api/v1/applications?environment=development").json()["data"]
    assert {a["name"] for a in dev} == {"zeta", "alpha"}
    wait_until(
        lambda: all(
            a["status"] != "creating" for a in api.get("/api/v1/applications").json()["data"]
        )
    )
    inactive = api.get("/api/v1/applications?status=inactive").json()["data"]
    assert [a["name"] for a in inactive] == ["mid"]  # no replicas
    active = api.get("/api/v1/applications?status=active&environment=development").json()["data"]
    assert {a["name"] for a in active} == {"zeta", "alpha"}
    ascending = api.get("/api/v1/applications?sort=name:asc").json()["data"]
    assert [a["name"] for a in ascending] == ["alpha", "mid", "my-application", "zeta"]
    descending = api.get("/api/v1/applications?sort=name:desc").json()["data"]
    assert [a["name"] for a in descending] == ["zeta", "my-application", "mid", "alpha"]
    newest = api.get("/api/v1/applications?sort=created_at:desc").json()["data"]
    assert newest[-1]["id"] == "app-123"


def test_configuration_and_access(api: httpx.Client) -> None:
    config = {"image": "my-app:v9", "replicas": 0, "environment_variables": {"A": "1"}}
    stored = api.put("/api/v1/applications/app-123/configuration", json=config)
    assert stored.json() == config
    assert api.get("/api/v1/applications/app-123/configuration").json() == config
    assert api.get("/api/v1/applications/app-123").json()["status"] == "inactive"

    grants = {
        "grants": [
            {"user_id": "user-456", "role": "owner"},
            {"user_id": "user-457", "role": "viewer"},
        ]
    }
    assert api.put("/api/v1/applications/app-123/access", json=grants).status_code == 200
    assert api.get("/api/v1/applications/app-123/access").json()["grants"] == grants["grants"]
    unknown = {"grants": [{"user_id": "user-1", "role": "owner"}]}
    error = assert_envelope(
        api.put("/api/v1/applications/app-123/access", json=unknown), 422, "VALIDATION_ERROR"
    )
    assert error["details"][0]["field"] == "grants[0].user_id"
    two_owners = {
        "grants": [
            {"user_id": "user-456", "role": "owner"},
            {"user_id": "user-457", "role": "owner"},
        ]
    }
    assert_envelope(
        api.put("/api/v1/applications/app-123/access", json=two_owners), 422, "VALIDATION_ERROR"
    )


def test_environment_counts_follow_applications(api: httpx.Client) -> None:
    before = api.get("/api/v1/environments/env-dev").json()["applications"]
    api.post("/api/v1/applications", json=new_app("counted", "development")).raise_for_status()
    after = api.get("/api/v1/environments/env-dev").json()["applications"]
    assert after["total"] == before["total"] + 1


def test_users_list_filter_update_and_me(api: httpx.Client) -> None:
    admins = api.get("/api/v1/users?role=admin").json()
    assert [u["id"] for u in admins["data"]] == ["user-456"]
    body = {
        "name": "John Updated Doe",
        "role": "developer",
        "permissions": ["miso:read", "miso:write"],
    }
    updated = api.put("/api/v1/users/user-456", json=body).json()
    assert {k: updated[k] for k in body} == body
    assert api.get("/api/v1/users/user-456").json()["role"] == "developer"
    me = api.get("/api/v1/users/me").json()
    assert me["id"] == "user-456" and me["client_id"] == "miso-dev"
    assert "miso:admin" in me["permissions"]  # the token's permissions, not the user's


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"],
)
def test_the_body_arrives_as_sent_whatever_the_content_type_spells(
    api: httpx.Client, content_type: str
) -> None:
    body = new_app("tilde-app") | {"description": "naïve café ☕ \u2028 line"}
    created = api.post(
        "/api/v1/applications",
        content=json.dumps(body, ensure_ascii=False).encode(),
        headers={"Content-Type": content_type},
    )
    assert created.status_code == 201, created.text
    stored = api.get(f"/api/v1/applications/{created.json()['id']}").json()
    assert stored["description"] == body["description"] and stored["name"] == body["name"]
