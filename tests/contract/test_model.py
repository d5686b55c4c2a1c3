"""The contract model: loading (strict and lenient, with file and pointer), operations, refs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import miso_contract
import pytest
import yaml
from miso_contract import ContractError, from_pointer, get_pointer, to_pointer


def _write(folder: Path, name: str, document: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _split_spec(folder: Path, *, pet_schema: Any | None = None) -> Path:
    """A root that points at a path file and a schema file, as our own spec is split."""
    _write(
        folder,
        "schemas/Pet.yaml",
        pet_schema or {"type": "object", "properties": {"id": {"type": "string"}}},
    )
    _write(
        folder,
        "paths/pets.yaml",
        {
            "parameters": [{"name": "trace", "in": "query", "schema": {"type": "string"}}],
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "x-miso-permissions": ["pets:read"],
                "parameters": [{"$ref": "#/components/parameters/Limit"}],
                "responses": {
                    "200": {
                        "description": "pets",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}
                        },
                        "links": {"self": {"operationId": "listPets"}},
                    }
                },
            },
            "post": {
                "operationId": "createPet",
                "security": [],
                "responses": {"201": {"description": "created"}},
                "callbacks": {
                    "created": {
                        "{$request.body#/url}": {
                            "post": {
                                "operationId": "petCreated",
                                "responses": {"200": {"description": "ok"}},
                            }
                        }
                    }
                },
            },
        },
    )
    return _write(
        folder,
        "api.yaml",
        {
            "openapi": "3.0.3",
            "info": {"title": "pets", "version": "1"},
            "security": [{"bearer": []}],
            "paths": {"/pets": {"$ref": "./paths/pets.yaml"}},
            "components": {
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                "parameters": {
                    "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}
                },
                "schemas": {
                    "Pet": {"$ref": "./schemas/Pet.yaml"},
                    "Alias": {"$ref": "#/components/schemas/Pet"},
                    "Code": {
                        "type": "string",
                        "x-status-codes": {"GONE": [410], "BAD": [400, 422]},
                    },
                },
            },
        },
    )


def test_pointers_escape_and_unescape_both_ways() -> None:
    path = ("paths", "/a/{b}", "get", "x~y")
    assert to_pointer(path) == "/paths/~1a~1{b}/get/x~0y"
    assert from_pointer(to_pointer(path)) == path
    assert from_pointer("#/paths/~1a") == ("paths", "/a")
    assert get_pointer({"a": [{"b": 1}]}, "/a/0/b") == 1
    assert get_pointer({"a": []}, "/a/3") is None


def test_a_split_document_loads_into_one_keeping_internal_refs(tmp_path: Path) -> None:
    contract = miso_contract.load(_split_spec(tmp_path), strict=True, base=tmp_path)
    assert contract.problems == ()
    schemas = contract.document["components"]["schemas"]
    assert schemas["Pet"]["properties"] == {"id": {"type": "string"}}  # the file, inlined
    assert schemas["Alias"] == {"$ref": "#/components/schemas/Pet"}  # internal: kept
    assert contract.resolve(schemas["Alias"]) is schemas["Pet"]
    assert contract.follow(schemas["Alias"])[1] == "#/components/schemas/Pet"
    dangling = {"$ref": "#/components/schemas/Nothing"}
    assert contract.follow(dangling) == (dangling, "#/components/schemas/Nothing")
    # A location in the document maps back to the split file a reader opens.
    at = ("paths", "/pets", "get", "operationId")
    assert contract.locate(at) == ("paths/pets.yaml", "/get/operationId")


def test_operations_callbacks_parameters_and_security(tmp_path: Path) -> None:
    contract = miso_contract.load(_split_spec(tmp_path), strict=True)
    assert [op.name for op in contract.walk()] == ["listPets", "createPet", "petCreated"]
    assert [op.label for op in contract.operations] == ["GET /pets", "POST /pets"]
    listing = contract.operation("listPets")
    assert listing is not None and contract.find("get", "/pets") is listing
    assert [p["name"] for p in listing.parameters] == ["trace", "limit"]  # item's, then own
    assert listing.permissions == ("pets:read",) and listing.tag == "pets"
    assert listing.protected  # the root's security applies
    create = contract.operation("createPet")
    assert create is not None and not create.protected  # `security: []` opens it
    callback = next(op for op in contract.walk() if op.callback)
    assert callback.pointer[:4] == ("paths", "/pets", "post", "callbacks")
    assert contract.operation("petCreated") is None  # callbacks are not the API's operations
    assert [name for _, name, _ in contract.links(listing)] == ["self"]
    assert contract.json_schema(listing.responses["200"]) is contract.schema("Pet")


def test_the_error_code_table_is_found_by_its_extension(tmp_path: Path) -> None:
    contract = miso_contract.load(_split_spec(tmp_path), strict=True)
    assert contract.error_codes == {"GONE": (410,), "BAD": (400, 422)}
    assert contract.codes_for_status[422] == frozenset({"BAD"})
    assert contract.error_code(410) == "GONE"
    assert contract.error_code(599) == "INTERNAL_ERROR"


def test_strict_loading_refuses_problems_lenient_loading_reports_them(tmp_path: Path) -> None:
    root = _split_spec(tmp_path, pet_schema={"type": "object", "properties": "not a mapping"})
    with pytest.raises(ContractError) as refused:
        miso_contract.load(root, strict=True, base=tmp_path)
    assert any(p.file == "schemas/Pet.yaml" for p in refused.value.problems), refused.value
    contract = miso_contract.load(root, strict=False, base=tmp_path)
    assert contract.problems and contract.operation("listPets") is not None


def test_a_missing_file_is_a_problem_on_the_file_that_refers_to_it(tmp_path: Path) -> None:
    root = _split_spec(tmp_path)
    (tmp_path / "schemas" / "Pet.yaml").unlink()
    contract = miso_contract.load(root, strict=False, base=tmp_path)
    missing = [p for p in contract.problems if "Pet.yaml" in p.message]
    assert [(p.file, p.pointer) for p in missing] == [("api.yaml", "/components/schemas/Pet/$ref")]


def test_a_document_that_is_not_a_mapping_is_refused_even_leniently(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ContractError):
        miso_contract.load(path, strict=False)


def test_only_get_head_and_options_are_safe() -> None:
    assert {m for m in ("GET", "HEAD", "OPTIONS", "TRACE", "post") if miso_contract.is_safe(m)} == {
        "GET",
        "HEAD",
        "OPTIONS",
    }


def test_our_bundle_is_found_and_read_once() -> None:
    assert miso_contract.bundle_path().is_file()
    assert miso_contract.checkout_root() is not None  # the tests run from a checkout
    contract = miso_contract.bundle()
    assert contract is miso_contract.bundle()
    assert all(op.operation_id and op.tag for op in contract.operations)
    # The convention every tool reads the headers' roles from names exactly what the spec defines.
    assert set(contract.rate_limit_headers) == set(miso_contract.RATE_LIMIT_HEADERS)
    assert contract.error_code(404) == "RESOURCE_NOT_FOUND"


def test_paginated_lists_are_recognised_by_their_shape() -> None:
    """Every list the reference pages is found, with the bounds its `limit` states; an
    operation whose answer only looks partly like a page is not."""
    contract = miso_contract.bundle()
    paged = {
        op.operation_id: contract.paged_list(op)
        for op in contract.operations
        if contract.paged_list(op) is not None
    }
    assert {"listApplications", "listDeployments", "listUsers", "listWebhooks"} <= set(paged)
    applications = paged["listApplications"]
    assert applications is not None
    assert (applications.data, applications.pagination) == ("data", "pagination")
    assert "id" in applications.items
    limit = contract.resolve(applications.query[miso_contract.LIMIT_PARAMETER])
    assert applications.limit_bounds == (limit["minimum"], limit["maximum"])
    assert contract.paged_list(contract.operation("getApplication")) is None  # type: ignore[arg-type]


def test_a_list_without_the_whole_pagination_object_does_not_page() -> None:
    page = {"type": "object", "properties": {"page": {"type": "integer"}}}
    answer = {"type": "object", "properties": {"data": {"type": "array"}, "pagination": page}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "parameters": [
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "things",
                            "content": {"application/json": {"schema": answer}},
                        }
                    },
                }
            }
        },
    }
    contract = miso_contract.from_document(document)
    assert contract.paged_list(contract.operations[0]) is None
    page["properties"] = {name: {"type": "integer"} for name in miso_contract.PAGINATION_FIELDS}
    contract = miso_contract.from_document(document)
    assert contract.paged_list(contract.operations[0]) is not None


def test_the_request_example_is_the_media_example_else_the_schema_example() -> None:
    contract = miso_contract.bundle()
    create = contract.operation("createApplication")
    assert create is not None
    example = contract.request_example(create)
    assert isinstance(example, dict) and example["name"]
    example["name"] = "changed by the caller"
    assert contract.request_example(create)["name"] != "changed by the caller"  # a copy
    listing = contract.operation("listApplications")
    assert listing is not None and contract.request_example(listing) is None
    schema_only = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "example": {"kind": "from schema"}}
                            }
                        }
                    },
                    "responses": {"201": {"description": "made"}},
                }
            }
        },
    }
    model = miso_contract.from_document(schema_only)
    assert model.request_example(model.operations[0]) == {"kind": "from schema"}


def test_a_request_path_is_routed_to_its_operation_literal_segments_first() -> None:
    contract = miso_contract.bundle()
    me = contract.route("get", "/api/v1/users/me")
    assert me is not None and me.operation.operation_id == "getCurrentUser"
    someone = contract.route("GET", "/api/v1/users/user%20456")
    assert someone is not None and someone.operation.operation_id == "getUser"
    assert someone.path_parameters == {"user_id": "user 456"}
    assert contract.route("PATCH", "/api/v1/users/me") is None
    assert contract.route("GET", "/api/v1/nowhere") is None
