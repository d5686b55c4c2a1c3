"""Bad input gets a clear 4xx in the envelope, never a 500, and leaves the state untouched."""

from __future__ import annotations

import httpx
import pytest

from tests.mock.conftest import assert_envelope

APP = {"name": "valid", "environment": "production", "configuration": {"image": "v:1"}}
JSON = {"Content-Type": "application/json"}


def _count(api: httpx.Client) -> int:
    return int(api.get("/api/v1/applications").json()["pagination"]["total"])


@pytest.mark.parametrize(
    ("label", "request_kwargs", "status"),
    [
        ("malformed JSON", {"content": b'{"name": ', "headers": JSON}, 400),
        ("not UTF-8", {"content": b'{"name": "\xff\xfe"}', "headers": JSON}, 400),
        (
            "wrong content type",
            {"content": b"name=x", "headers": {"Content-Type": "text/plain"}},
            415,
        ),
        ("over 1 MiB", {"content": b" " * (1024 * 1024 + 1), "headers": JSON}, 413),
        ("unknown field", {"json": {**APP, "colour": "red"}}, 400),
        ("missing field", {"json": {"name": "x", "environment": "production"}}, 400),
        ("wrong type", {"json": {**APP, "configuration": {"image": "v:1", "replicas": "3"}}}, 400),
        (
            "out of range",
            {"json": {**APP, "configuration": {"image": "v:1", "replicas": 1000}}},
            400,
        ),
        ("bad name", {"json": {**APP, "name": "Not A Slug"}}, 400),
        ("empty body", {"content": b"", "headers": JSON}, 400),
        ("not an object", {"json": [1, 2, 3]}, 400),
    ],
)
def test_bad_bodies(api: httpx.Client, label: str, request_kwargs: dict, status: int) -> None:
    before = _count(api)
    response = api.post("/api/v1/applications", **request_kwargs)
    assert_envelope(response, status, "VALIDATION_ERROR")
    assert _count(api) == before, label


def test_validation_details_name_the_field(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/applications", json={**APP, "configuration": {"image": "v:1", "replicas": -1}}
    )
    error = assert_envelope(response, 400, "VALIDATION_ERROR")
    assert error["details"][0]["field"] == "configuration.replicas"


@pytest.mark.parametrize(
    "query",
    [
        "role=",
        "status=",
        "limit=",
        "limit=1000",
        "limit=0",
        "page=0",
        "limit=abc",
        "sort=name:up",
        "status=gone",
        "bogus=1",
    ],
)
def test_bad_query_parameters(api: httpx.Client, query: str) -> None:
    path = "/api/v1/users" if query.startswith("role") else "/api/v1/applications"
    assert_envelope(api.get(f"{path}?{query}"), 400, "VALIDATION_ERROR")


def test_bad_input_on_update_leaves_the_record_as_it_was(api: httpx.Client) -> None:
    before = api.get("/api/v1/applications/app-123").json()
    for body in ({}, {"name": 5}, {"configuration": {"replicas": 2}}):
        assert_envelope(api.put("/api/v1/applications/app-123", json=body), 400, "VALIDATION_ERROR")
    assert api.get("/api/v1/applications/app-123").json() == before


def test_unknown_paths_and_methods(api: httpx.Client) -> None:
    assert_envelope(api.get("/api/v1/nothing-here"), 404, "RESOURCE_NOT_FOUND")
    response = api.patch("/api/v1/applications/app-123", json={})
    assert_envelope(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "DELETE, GET, PUT"
    assert api.delete("/api/v1/environments").headers["allow"] == "GET"


def test_request_id_is_echoed(api: httpx.Client) -> None:
    response = api.get("/api/v1/applications/app-404", headers={"X-Request-ID": "req-123456"})
    assert response.headers["x-request-id"] == "req-123456"
    assert response.json()["error"]["request_id"] == "req-123456"


def test_every_bad_parameter_is_named_in_the_details(api: httpx.Client) -> None:
    response = api.get("/api/v1/applications?limit=1000&page=0&bogus=1")
    error = assert_envelope(response, 400, "VALIDATION_ERROR")
    assert sorted(d["field"] for d in error["details"]) == ["bogus", "limit", "page"]
    assert all("\n" not in d["message"] for d in error["details"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"environment": "production", "configuration": {"image": "v:1"}}, "name"),
        ({**APP, "configuration": {"replicas": 1}}, "configuration.image"),
        ({**APP, "colour": "red"}, "colour"),
    ],
)
def test_body_details_name_the_property(api: httpx.Client, body: dict, field: str) -> None:
    error = assert_envelope(api.post("/api/v1/applications", json=body), 400, "VALIDATION_ERROR")
    assert error["details"][0]["field"] == field
