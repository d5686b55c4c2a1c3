"""What the contract itself must hold, checked on the bundle SDKs and the mock read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from miso_contract import HTTP_METHODS as METHODS
from miso_toolkit.lint._seeds import parse_seeds
from miso_toolkit.paths import OPENAPI_DIR, SEEDS_DIR

from tests.support.seeds import needs_seeds

COMMON_HEADERS = {
    "X-Request-ID",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Window",
}
REQUIRED_LINKS = {
    ("createApplication", "201"): {
        "getApplication",
        "updateApplication",
        "deleteApplication",
        "getApplicationConfiguration",
        "createDeployment",
    },
    ("createDeployment", "201"): {"getDeployment", "getDeploymentLogs"},
    ("createWebhook", "201"): {"getWebhook", "deleteWebhook"},
}


def _operations(bundle: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path, operation) of the API's own operations (not callbacks)."""
    for path, item in bundle["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def _resolve(bundle: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        for key in node["$ref"].removeprefix("#/").split("/"):
            bundle = bundle[key]
        node = bundle
    return node


def _by_id(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for _, _, op in _operations(bundle)}


@needs_seeds
def test_every_seed_operation_is_in_the_spec(bundle: dict[str, Any]) -> None:
    mapping = yaml.safe_load((OPENAPI_DIR / "seed-operations.yaml").read_text(encoding="utf-8"))
    served = {(e["seed"], e["method"], e["path"]): e["operationId"] for e in mapping["endpoints"]}
    operation_ids = set(_by_id(bundle))
    assert SEEDS_DIR is not None
    endpoints = parse_seeds(SEEDS_DIR)
    assert len(endpoints) >= 25
    for endpoint in endpoints:
        assert endpoint.key in served, f"{endpoint} has no entry in seed-operations.yaml"
        assert served[endpoint.key] in operation_ids, endpoint


@pytest.mark.parametrize(
    ("source", "targets"),
    REQUIRED_LINKS.items(),
    ids=lambda value: str(sorted(value) if isinstance(value, set) else value),
)
def test_links_describe_the_flows(
    bundle: dict[str, Any], source: tuple[str, str], targets: set[str]
) -> None:
    operation_id, status = source
    response = _resolve(bundle, _by_id(bundle)[operation_id]["responses"][status])
    links = {link["operationId"]: link for link in response.get("links", {}).values()}
    assert targets <= set(links), targets - set(links)
    for target in targets:
        assert set(links[target]["parameters"].values()) == {"$response.body#/id"}, target


def test_every_response_declares_the_common_headers(bundle: dict[str, Any]) -> None:
    missing = []
    for method, path, op in _operations(bundle):
        for status, response in op["responses"].items():
            declared = set(_resolve(bundle, response).get("headers", {}))
            required = COMMON_HEADERS | ({"Retry-After"} if str(status) == "429" else set())
            if required - declared:
                missing.append(f"{method.upper()} {path} {status}: {sorted(required - declared)}")
    assert missing == []


def test_every_protected_operation_documents_401_and_403(bundle: dict[str, Any]) -> None:
    protected = [
        (method, path, op)
        for method, path, op in _operations(bundle)
        if op.get("security", bundle.get("security"))
    ]
    assert len(protected) > 20
    for method, path, op in protected:
        assert {"401", "403"} <= {str(code) for code in op["responses"]}, f"{method} {path}"


def test_open_operations_are_only_auth_and_discovery(bundle: dict[str, Any]) -> None:
    open_paths = {path for _, path, op in _operations(bundle) if op.get("security") == []}
    assert all(not path.startswith("/api/") for path in open_paths), open_paths
