"""OpenAPI 3.1 on either side, and a 3.0 -> 3.1 migration, read with the same rules as 3.0."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from miso_toolkit.diff import diff_specs, load_file, main

from .specs import Spec, obj, query, request, response, with_params, write_yaml

TODAY = dt.date(2026, 6, 1)
REQ = "/paths/~1items/post/requestBody/content/application~1json/schema"
RESP = "/paths/~1items/get/responses/200/content/application~1json/schema"


def v31(document: Spec) -> Spec:
    migrated = copy.deepcopy(document)
    migrated["openapi"] = "3.1.0"
    return migrated


def rules(base: Spec, head: Spec) -> list[tuple[str, str]]:
    return [(c.rule, c.pointer) for c in diff_specs(base, head, today=TODAY)]


def test_a_migration_that_says_the_same_in_31_spelling_is_no_change() -> None:
    old = request(
        obj(
            ["a"],
            a={"type": "string", "nullable": True, "maxLength": 5},
            n={"type": "number", "minimum": 0, "exclusiveMinimum": True},
            s={"type": "string", "enum": ["on"]},
        )
    )
    new = v31(
        request(
            obj(
                ["a"],
                a={"type": ["string", "null"], "maxLength": 5},
                n={"type": "number", "exclusiveMinimum": 0},
                s={"type": "string", "const": "on"},
            )
        )
    )
    assert rules(old, new) == []
    assert rules(new, old) == []


def test_null_dropped_from_a_request_type_list() -> None:
    old = v31(request(obj(a={"type": ["string", "null"]})))
    new = v31(request(obj(a={"type": "string"})))
    assert rules(old, new) == [("request-became-not-nullable", REQ + "/properties/a/type")]


def test_null_added_to_a_response_type_list() -> None:
    old = v31(response(obj(a={"type": "string"})))
    new = v31(response(obj(a={"type": ["string", "null"]})))
    assert rules(old, new) == [("response-property-became-nullable", RESP + "/properties/a/type")]


def test_type_lists_narrowed_in_a_request_or_widened_in_a_response() -> None:
    wide, narrow = {"type": ["string", "integer"]}, {"type": ["string"]}
    assert rules(v31(request(obj(a=wide))), v31(request(obj(a=narrow)))) == [
        ("request-type-changed", REQ + "/properties/a/type")
    ]
    assert rules(v31(request(obj(a=narrow))), v31(request(obj(a=wide)))) == []
    assert rules(v31(response(obj(a=narrow))), v31(response(obj(a=wide)))) == [
        ("response-type-changed", RESP + "/properties/a/type")
    ]


def test_const_changed() -> None:
    old, new = {"type": "string", "const": "v1"}, {"type": "string", "const": "v2"}
    request_rules = rules(v31(request(obj(a=old))), v31(request(obj(a=new))))
    assert ("request-enum-value-removed", REQ + "/properties/a/enum") in request_rules
    response_rules = rules(v31(response(obj(a=old))), v31(response(obj(a=new))))
    assert ("response-enum-value-added", RESP + "/properties/a/enum") in response_rules


def test_numeric_exclusive_minimum_raised() -> None:
    old = v31(request(obj(n={"type": "integer", "exclusiveMinimum": 0})))
    new = v31(request(obj(n={"type": "integer", "exclusiveMinimum": 10})))
    assert rules(old, new) == [("request-minimum-increased", REQ + "/properties/n/minimum")]
    assert rules(new, old) == []


def test_prefix_items() -> None:
    pair = [{"type": "string"}, {"type": "integer"}]
    old = v31(request(obj(t={"type": "array", "prefixItems": pair})))
    changed = v31(request(obj(t={"type": "array", "prefixItems": [pair[0], {"type": "string"}]})))
    longer = v31(request(obj(t={"type": "array", "prefixItems": [*pair, {"type": "string"}]})))
    assert rules(old, changed) == [
        ("request-type-changed", REQ + "/properties/t/prefixItems/1/type")
    ]
    assert rules(old, longer) == [("request-constraint-added", REQ + "/properties/t/prefixItems")]


def test_ref_siblings_constrain_like_allof() -> None:
    components = {"schemas": {"Name": {"type": "string"}}}
    ref = "#/components/schemas/Name"
    old = v31(request(obj(a={"$ref": ref, "maxLength": 10, "description": "old"})))
    new = v31(request(obj(a={"$ref": ref, "maxLength": 5, "description": "new"})))
    old["components"] = new["components"] = components
    assert rules(old, new) == [("request-max-length-decreased", REQ + "/properties/a/maxLength")]
    described = v31(request(obj(a={"$ref": ref, "description": "a name"})))
    plain = v31(request(obj(a={"$ref": ref})))
    described["components"] = plain["components"] = components
    assert rules(plain, described) == []


def test_a_31_parameter_default_changed() -> None:
    old = v31(with_params(query(type=["string", "null"], default="a")))
    new = v31(with_params(query(type=["string", "null"], default="b")))
    assert rules(old, new) == [
        ("request-parameter-default-changed", "/paths/~1items/get/parameters/0/schema/default")
    ]


def test_31_documents_load_without_problems(tmp_path: Path) -> None:
    document: dict[str, Any] = v31(request(obj(a={"type": ["string", "null"], "const": "x"})))
    document["webhooks"] = {"ping": document["paths"]["/items"]}
    loaded = load_file(write_yaml(tmp_path / "v31.yaml", document))
    assert loaded.problems == ()
    assert loaded.version == "3.1.0"


def test_a_null_only_type_is_a_type() -> None:
    null, text = {"type": "null"}, {"type": "string"}
    assert rules(v31(response(obj(a=null))), v31(response(obj(a=text)))) == [
        ("response-type-changed", RESP + "/properties/a/type")
    ]
    assert rules(v31(request(obj(a=text))), v31(request(obj(a=null)))) == [
        ("request-type-changed", REQ + "/properties/a/type")
    ]


def test_a_30_to_31_migration_read_from_files(tmp_path: Path, capsys: Any) -> None:
    """Both documents valid in their own version: no warnings, and a real change still shows."""
    old = request(obj(["a"], a={"type": "string", "nullable": True}))
    new = v31(request(obj(["a"], a={"type": ["string", "null"]})))
    base = write_yaml(tmp_path / "v30.yaml", old)
    head = write_yaml(tmp_path / "v31.yaml", new)
    assert main([str(base), str(head), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out)["changes"] == []
    new["paths"]["/items"]["post"]["requestBody"]["content"]["application/json"]["schema"][
        "properties"
    ]["a"] = {"type": "string"}
    write_yaml(head, new)
    assert main([str(base), str(head), "--format", "json"]) == 1
    [change] = json.loads(capsys.readouterr().out)["changes"]
    assert change["rule"] == "request-became-not-nullable"
