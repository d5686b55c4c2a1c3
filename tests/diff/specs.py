"""Minimal OpenAPI 3.0.3 documents for before/after pairs, so each test shows only its change."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

Spec = dict[str, Any]


def spec(paths: dict[str, Any] | None = None, **top: Any) -> Spec:
    """A valid spec: the given paths, plus any top-level keys (components, security, info)."""
    document: Spec = {
        "openapi": "3.0.3",
        "info": {"title": "Miso", "version": "1.0.0"},
        "paths": paths if paths is not None else {},
    }
    document.update(top)
    return document


def operation(op_id: str = "listItems", **fields: Any) -> dict[str, Any]:
    """An operation answering 200 with no body unless `responses` is given."""
    return {"operationId": op_id, "responses": {"200": {"description": "ok"}}, **fields}


def get(**fields: Any) -> Spec:
    """GET /items with extra operation fields."""
    return spec({"/items": {"get": operation(**fields)}})


def with_params(*params: dict[str, Any]) -> Spec:
    return get(parameters=list(params))


def query(name: str = "limit", required: bool = False, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema or {"type": "string"},
    }


def body(
    schema: dict[str, Any] | None, *, required: bool = True, media: str = "application/json"
) -> dict[str, Any]:
    return {"required": required, "content": {media: {"schema": schema or {}}}}


def post(request_body: dict[str, Any] | None) -> Spec:
    """POST /items with the given request body (None: no body at all)."""
    fields = {} if request_body is None else {"requestBody": request_body}
    return spec({"/items": {"post": operation("createItem", **fields)}})


def request(schema: dict[str, Any]) -> Spec:
    """POST /items whose required JSON body has `schema`."""
    return post(body(schema))


def response(schema: dict[str, Any], status: str = "200", media: str = "application/json") -> Spec:
    """GET /items whose response `status` has a body with `schema`."""
    responses = {status: {"description": "ok", "content": {media: {"schema": schema}}}}
    return get(responses=responses)


def obj(required: list[str] | None = None, **properties: dict[str, Any]) -> dict[str, Any]:
    """An object schema; `required` only when given, as specs write it."""
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def changed(document: Spec, **edits: Any) -> Spec:
    """A deep copy with top-level keys replaced, for pairs that differ in one place."""
    copied = copy.deepcopy(document)
    copied.update(edits)
    return copied


def write_yaml(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


_GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in a throwaway repository, isolated from the user's configuration."""
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **_GIT_ENV},
        check=True,
    )
    return result.stdout.strip()


def commit_spec(repo: Path, document: Spec, message: str = "spec") -> None:
    """Write `document` as the repository's openapi/miso.yaml and commit it."""
    write_yaml(repo / "openapi" / "miso.yaml", document)
    git(repo, "add", "openapi")
    git(repo, "commit", "-q", "-m", message)
