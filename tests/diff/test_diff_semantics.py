"""Behaviour beyond single rules: direction, refs, cycles, sunsets, and no false alarms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from miso_toolkit.diff import Level, diff_specs
from miso_toolkit.diff._change import Collector

from .specs import get, obj, operation, query, request, response, spec, with_params

TODAY = dt.date(2026, 6, 1)
S: dict[str, Any] = {"type": "string"}


def rules(base: dict[str, Any], head: dict[str, Any]) -> list[str]:
    return [c.rule for c in diff_specs(base, head, today=TODAY)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"type": "string", "maxLength": 5}, {"type": "string", "maxLength": 10}),
        ({"type": "string", "minLength": 3}, {"type": "string"}),
        ({"type": "integer"}, {"type": "number"}),
        ({"type": "integer", "format": "int32"}, {"type": "integer", "format": "int64"}),
        ({"type": "string", "format": "uuid"}, {"type": "string"}),
        ({"type": "string", "enum": ["a"]}, {"type": "string"}),
        ({"type": "string"}, {"type": "string", "nullable": True}),
        ({"type": "string", "pattern": "^a"}, {"type": "string"}),
    ],
)
def test_relaxing_a_request_breaks_nothing(before: dict[str, Any], after: dict[str, Any]) -> None:
    changes = diff_specs(request(obj(a=before)), request(obj(a=after)), today=TODAY)
    assert all(c.level is Level.INFO for c in changes), changes


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"type": "string", "maxLength": 10}, {"type": "string", "maxLength": 5}),
        ({"type": "number"}, {"type": "integer"}),
        ({"type": "string"}, {"type": "string", "format": "uuid"}),
        ({"type": "string"}, {"type": "string", "enum": ["a"]}),
        ({"type": "string", "nullable": True}, {"type": "string"}),
    ],
)
def test_narrowing_a_response_breaks_nothing(before: dict[str, Any], after: dict[str, Any]) -> None:
    changes = diff_specs(response(obj(a=before)), response(obj(a=after)), today=TODAY)
    assert all(c.level is Level.INFO for c in changes), changes


def test_the_same_change_is_judged_by_direction() -> None:
    assert rules(request(obj(a={**S, "maxLength": 9})), request(obj(a=S))) == []
    assert rules(response(obj(a={**S, "maxLength": 9})), response(obj(a=S))) == [
        "response-constraint-relaxed"
    ]


def test_bound_set_where_there_was_none_counts_as_lowered() -> None:
    assert rules(request(obj(a=S)), request(obj(a={**S, "maxLength": 9}))) == [
        "request-max-length-decreased"
    ]


def test_exclusive_maximum_at_the_same_value_is_tighter() -> None:
    before = {"type": "integer", "maximum": 5}
    after = {**before, "exclusiveMaximum": True}
    assert rules(request(obj(a=before)), request(obj(a=after))) == ["request-maximum-decreased"]


def _with_components(document: dict[str, Any], **schemas: Any) -> dict[str, Any]:
    document["components"] = {"schemas": schemas}
    return document


def test_change_inside_a_component_is_reported_at_each_operation_using_it() -> None:
    ref = {"$ref": "#/components/schemas/Item"}
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}}
    paths = {
        "/items": {"get": operation(responses=ok)},
        "/items/{id}": {
            "get": operation(
                "getItem", responses=ok, parameters=[query("id", True) | {"in": "path"}]
            )
        },
    }
    base = _with_components(spec(paths), Item=obj(["name"], name=S))
    head = _with_components(spec(paths), Item=obj(name=S))
    changes = diff_specs(base, head, today=TODAY)
    assert [(c.rule, c.operation, c.pointer) for c in changes] == [
        (
            "response-property-became-optional",
            "GET /items",
            "/paths/~1items/get/responses/200/content/application~1json/schema/properties/name",
        ),
        (
            "response-property-became-optional",
            "GET /items/{id}",
            "/paths/~1items~1{id}/get/responses/200/content/application~1json/schema/properties/name",
        ),
    ]


def test_messages_name_the_component_to_edit() -> None:
    ref = {"$ref": "#/components/schemas/Name"}
    base = _with_components(request(obj(name=ref)), Name={**S, "maxLength": 9})
    head = _with_components(request(obj(name=ref)), Name={**S, "maxLength": 3})
    [change] = diff_specs(base, head, today=TODAY)
    assert change.message == "maxLength changed from 9 to 3, in #/components/schemas/Name"


def test_response_headers_are_matched_case_insensitively_and_compared() -> None:
    def with_header(name: str, **schema: Any) -> dict[str, Any]:
        headers = {name: {"required": True, "schema": {"type": "string", **schema}}}
        return get(responses={"200": {"description": "ok", "headers": headers}})

    assert rules(with_header("X-Trace"), with_header("x-trace")) == []
    assert rules(with_header("X-Trace"), with_header("X-Trace", format="uuid")) == []
    assert rules(with_header("X-Trace", format="uuid"), with_header("X-Trace")) == [
        "response-format-changed"
    ]
    not_required = with_header("X-Trace")
    not_required["paths"]["/items"]["get"]["responses"]["200"]["headers"]["X-Trace"]["required"] = (
        False
    )
    assert rules(with_header("X-Trace"), not_required) == ["response-required-header-removed"]


def test_recursive_schemas_terminate_and_still_compare() -> None:
    def node(name_schema: dict[str, Any]) -> dict[str, Any]:
        return obj(
            name=name_schema,
            children={"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        )

    ref = {"$ref": "#/components/schemas/Node"}
    base = _with_components(request(ref), Node=node(S))
    head = _with_components(request(ref), Node=node({**S, "maxLength": 3}))
    pointers = [c.pointer for c in diff_specs(base, head, today=TODAY)]
    assert pointers == [
        "/paths/~1items/post/requestBody/content/application~1json/schema/properties/name/maxLength"
    ]


def test_allof_composition_equals_the_inlined_schema() -> None:
    composed = {"allOf": [{"$ref": "#/components/schemas/Base"}, obj(["b"], b=S)]}
    base = _with_components(response(obj(["a", "b"], a=S, b=S)), Base=obj(["a"], a=S))
    head = _with_components(response(composed), Base=obj(["a"], a=S))
    assert rules(base, head) == []
    head["components"]["schemas"]["Base"] = obj(a=S)
    assert rules(base, head) == ["response-property-became-optional"]


def test_renaming_a_path_parameter_is_not_a_removal() -> None:
    def item(name: str) -> dict[str, Any]:
        param = {"name": name, "in": "path", "required": True, "schema": S}
        return spec({f"/items/{{{name}}}": {"get": operation(parameters=[param])}})

    assert rules(item("id"), item("item_id")) == []


def test_header_parameter_names_are_case_insensitive() -> None:
    def trace(name: str) -> dict[str, Any]:
        return with_params({"name": name, "in": "header", "schema": S})

    assert rules(trace("X-Trace"), trace("x-trace")) == []


def test_read_only_property_may_be_added_as_required_to_a_request() -> None:
    after = obj(["id"], id={**S, "readOnly": True})
    assert rules(request(obj()), request(after)) == []


def test_write_only_property_may_leave_a_response() -> None:
    before = obj(["secret"], secret={**S, "writeOnly": True})
    assert rules(response(before), response(obj())) == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({}, "was not deprecated"),
        ({"deprecated": True}, "without an x-sunset"),
        ({"deprecated": True, "x-sunset": "2027-01-01"}, "has not passed"),
        ({"deprecated": True, "x-sunset": TODAY.isoformat()}, "has not passed"),
        ({"deprecated": True, "x-sunset": "soon"}, "not an ISO date"),
    ],
)
def test_removal_is_breaking_until_deprecated_and_sunset(
    extra: dict[str, Any], expected: str
) -> None:
    [change] = diff_specs(get(**extra), spec({}), today=TODAY)
    assert change.rule == "path-removed"
    assert expected in change.message


def test_sunset_may_be_a_yaml_date() -> None:
    before = get(deprecated=True, **{"x-sunset": dt.date(2026, 5, 31)})
    assert rules(before, spec({})) == ["deprecated-operation-removed"]


def test_root_security_applies_to_operations_without_their_own() -> None:
    base = get()
    head = get()
    head["security"] = [{"bearer": []}]
    assert rules(base, head) == ["security-added"]
    head["paths"]["/items"]["get"]["security"] = []
    assert rules(base, head) == []


def test_adding_an_alternative_security_scheme_is_not_breaking() -> None:
    base = get(security=[{"bearer": []}])
    head = get(security=[{"bearer": []}, {"apiKey": []}])
    assert rules(base, head) == ["security-removed"]


def test_integer_status_keys_match_string_ones() -> None:
    base = get(responses={200: {"description": "ok"}})
    assert rules(base, get()) == []


def test_type_change_hides_finer_differences() -> None:
    before = {"type": "string", "maxLength": 5, "enum": ["a"]}
    assert rules(request(obj(a=before)), request(obj(a={"type": "integer"}))) == [
        "request-type-changed"
    ]


def test_changes_are_sorted_worst_first() -> None:
    base = with_params(query("a"), query("b", required=True))
    head = with_params(query("a", required=True), query("c"))
    levels = [c.level for c in diff_specs(base, head, today=TODAY)]
    assert levels == sorted(levels, reverse=True)
    assert levels[0] is Level.BREAKING and levels[-1] is Level.INFO


def test_unknown_rule_ids_are_refused() -> None:
    with pytest.raises(KeyError):
        Collector().add("no-such-rule", "/", "x")


def test_alternatives_compare_when_one_of_becomes_any_of() -> None:
    """The keyword changing does not hide what the alternatives became."""
    base = response(obj(a={"oneOf": [{"type": "string"}, {"type": "integer"}]}))
    head = response(obj(a={"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}]}))
    at = "/paths/~1items/get/responses/200/content/application~1json/schema/properties/a/anyOf"
    found = [(c.rule, c.pointer) for c in diff_specs(base, head)]
    assert found == [
        ("response-schema-option-added", at),
        ("response-type-changed", at + "/1/type"),
    ]
