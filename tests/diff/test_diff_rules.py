"""One minimal before/after pair per rule: the rule fires, at the right level and pointer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from miso_toolkit.diff import RULES, Level, diff_specs

from .specs import (
    Spec,
    body,
    get,
    obj,
    operation,
    post,
    query,
    request,
    response,
    spec,
    with_params,
)

TODAY = dt.date(2026, 6, 1)
GET = "/paths/~1items/get"
POST = "/paths/~1items/post"
REQ = POST + "/requestBody/content/application~1json/schema"
RESP = GET + "/responses/200/content/application~1json/schema"
S: dict[str, Any] = {"type": "string"}
B, PB, INFO = Level.BREAKING, Level.POSSIBLY_BREAKING, Level.INFO


class Case(NamedTuple):
    rule: str
    level: Level
    base: Spec
    head: Spec
    pointer: str


def _two_media(kind: str) -> Spec:
    content = {"application/json": {"schema": obj()}, "text/plain": {"schema": S}}
    if kind == "request":
        return post({"required": True, "content": content})
    return get(responses={"200": {"description": "ok", "content": content}})


def _with_header(**header: Any) -> Spec:
    headers = {"X-Request-ID": {"schema": S, **header}}
    return get(responses={"200": {"description": "ok", "headers": headers}})


def _req_prop(**schema: Any) -> Spec:
    return request(obj(a=schema))


def _resp_prop(**schema: Any) -> Spec:
    return response(obj(a=schema))


def _webhooks(*names: str) -> Spec:
    item = {"post": operation("ping", requestBody=body(obj(a=S)))}
    return spec(openapi="3.1.0", webhooks={name: item for name in names})


CASES = [
    # paths and operations
    Case("path-removed", B, get(), spec({}), GET),
    Case(
        "operation-removed",
        B,
        spec({"/items": {"get": operation(), "post": operation("createItem")}}),
        get(),
        POST,
    ),
    Case(
        "deprecated-operation-removed",
        INFO,
        get(deprecated=True, **{"x-sunset": "2026-01-01"}),
        spec({}),
        GET,
    ),
    Case("operation-added", INFO, spec({}), get(), GET),
    Case("operation-deprecated", INFO, get(), get(deprecated=True), GET + "/deprecated"),
    Case("operation-id-changed", B, get(), get(op_id="listAllItems"), GET + "/operationId"),
    Case(
        "operation-id-removed",
        B,
        get(),
        spec({"/items": {"get": {"responses": {"200": {"description": "ok"}}}}}),
        GET + "/operationId",
    ),
    Case("security-added", B, get(), get(security=[{"bearer": []}]), GET + "/security"),
    Case(
        "security-scope-added",
        B,
        get(security=[{"oauth": ["read"]}]),
        get(security=[{"oauth": ["read", "write"]}]),
        GET + "/security",
    ),
    Case("security-removed", INFO, get(security=[{"bearer": []}]), get(), GET + "/security"),
    # parameters
    Case(
        "new-required-parameter",
        B,
        with_params(),
        with_params(query(required=True)),
        GET + "/parameters/0",
    ),
    Case(
        "new-optional-parameter", INFO, with_params(), with_params(query()), GET + "/parameters/0"
    ),
    Case(
        "parameter-became-required",
        B,
        with_params(query()),
        with_params(query(required=True)),
        GET + "/parameters/0/required",
    ),
    Case(
        "parameter-became-optional",
        INFO,
        with_params(query(required=True)),
        with_params(query()),
        GET + "/parameters/0/required",
    ),
    Case("parameter-removed", PB, with_params(query()), with_params(), GET + "/parameters/0"),
    Case(
        "request-parameter-default-changed",
        B,
        with_params(query(type="string", default="name")),
        with_params(query(type="string", default="date")),
        GET + "/parameters/0/schema/default",
    ),
    # request bodies
    Case("new-required-request-body", B, post(None), post(body(obj())), POST + "/requestBody"),
    Case(
        "new-optional-request-body",
        INFO,
        post(None),
        post(body(obj(), required=False)),
        POST + "/requestBody",
    ),
    Case(
        "request-body-became-required",
        B,
        post(body(obj(), required=False)),
        post(body(obj())),
        POST + "/requestBody/required",
    ),
    Case("request-body-removed", B, post(body(obj())), post(None), POST + "/requestBody"),
    Case(
        "request-media-type-removed",
        B,
        _two_media("request"),
        post(body(obj())),
        POST + "/requestBody/content/text~1plain",
    ),
    Case(
        "request-media-type-added",
        INFO,
        post(body(obj())),
        _two_media("request"),
        POST + "/requestBody/content/text~1plain",
    ),
    # request schemas
    Case(
        "new-required-request-property",
        B,
        request(obj(a=S)),
        request(obj(["b"], a=S, b=S)),
        REQ + "/properties/b",
    ),
    Case(
        "new-optional-request-property",
        INFO,
        request(obj(a=S)),
        request(obj(a=S, b=S)),
        REQ + "/properties/b",
    ),
    Case(
        "request-property-became-required",
        B,
        request(obj(a=S)),
        request(obj(["a"], a=S)),
        REQ + "/properties/a",
    ),
    Case(
        "request-property-removed",
        PB,
        request(obj(a=S, b=S)),
        request(obj(a=S)),
        REQ + "/properties/b",
    ),
    Case(
        "request-type-changed",
        B,
        _req_prop(type="integer"),
        _req_prop(type="string"),
        REQ + "/properties/a/type",
    ),
    Case(
        "request-format-changed",
        B,
        _req_prop(type="string"),
        _req_prop(type="string", format="uuid"),
        REQ + "/properties/a/format",
    ),
    Case(
        "request-enum-value-removed",
        B,
        _req_prop(type="string", enum=["a", "b"]),
        _req_prop(type="string", enum=["a"]),
        REQ + "/properties/a/enum",
    ),
    Case(
        "request-enum-value-added",
        INFO,
        _req_prop(type="string", enum=["a"]),
        _req_prop(type="string", enum=["a", "b"]),
        REQ + "/properties/a/enum",
    ),
    Case(
        "request-max-length-decreased",
        B,
        _req_prop(type="string", maxLength=10),
        _req_prop(type="string", maxLength=5),
        REQ + "/properties/a/maxLength",
    ),
    Case(
        "request-min-length-increased",
        B,
        _req_prop(type="string", minLength=1),
        _req_prop(type="string", minLength=2),
        REQ + "/properties/a/minLength",
    ),
    Case(
        "request-maximum-decreased",
        B,
        _req_prop(type="integer", maximum=100),
        _req_prop(type="integer", maximum=50),
        REQ + "/properties/a/maximum",
    ),
    Case(
        "request-minimum-increased",
        B,
        _req_prop(type="integer", minimum=0),
        _req_prop(type="integer", minimum=1),
        REQ + "/properties/a/minimum",
    ),
    Case(
        "request-max-items-decreased",
        B,
        _req_prop(type="array", items=S, maxItems=10),
        _req_prop(type="array", items=S, maxItems=5),
        REQ + "/properties/a/maxItems",
    ),
    Case(
        "request-min-items-increased",
        B,
        _req_prop(type="array", items=S),
        _req_prop(type="array", items=S, minItems=1),
        REQ + "/properties/a/minItems",
    ),
    Case(
        "request-pattern-added",
        B,
        _req_prop(type="string"),
        _req_prop(type="string", pattern="^[a-z]+$"),
        REQ + "/properties/a/pattern",
    ),
    Case(
        "request-pattern-changed",
        PB,
        _req_prop(type="string", pattern="^a"),
        _req_prop(type="string", pattern="^b"),
        REQ + "/properties/a/pattern",
    ),
    Case(
        "request-became-not-nullable",
        B,
        _req_prop(type="string", nullable=True),
        _req_prop(type="string"),
        REQ + "/properties/a/nullable",
    ),
    Case(
        "request-schema-option-removed",
        B,
        _req_prop(oneOf=[S, {"type": "integer"}]),
        _req_prop(oneOf=[S]),
        REQ + "/properties/a/oneOf",
    ),
    Case(
        "request-wrapped-in-one-of",
        B,
        request(obj(["a"], a=S, b=S)),
        request({"oneOf": [obj(["a"], a=S, b=S), obj(["b"], a=S, b=S)]}),
        REQ + "/oneOf",
    ),
    Case(
        "request-constraint-added",
        B,
        _req_prop(type="array", items=S),
        _req_prop(type="array", items=S, contains={"const": "admin"}),
        REQ + "/properties/a/contains",
    ),
    # responses
    Case(
        "response-success-status-removed",
        B,
        get(),
        get(responses={"204": {"description": "empty"}}),
        GET + "/responses/200",
    ),
    Case(
        "response-status-removed",
        INFO,
        get(responses={"200": {"description": "ok"}, "404": {"description": "missing"}}),
        get(),
        GET + "/responses/404",
    ),
    Case(
        "response-status-added",
        INFO,
        get(),
        get(responses={"200": {"description": "ok"}, "404": {"description": "missing"}}),
        GET + "/responses/404",
    ),
    Case(
        "response-media-type-removed",
        B,
        _two_media("response"),
        response(obj()),
        GET + "/responses/200/content/text~1plain",
    ),
    Case(
        "response-media-type-added",
        INFO,
        response(obj()),
        _two_media("response"),
        GET + "/responses/200/content/text~1plain",
    ),
    Case(
        "response-required-header-removed",
        B,
        _with_header(required=True),
        get(),
        GET + "/responses/200/headers/X-Request-ID",
    ),
    # response schemas
    Case(
        "response-required-property-removed",
        B,
        response(obj(["a"], a=S)),
        response(obj()),
        RESP + "/properties/a",
    ),
    Case(
        "response-property-became-optional",
        B,
        response(obj(["a"], a=S)),
        response(obj(a=S)),
        RESP + "/properties/a",
    ),
    Case(
        "response-property-became-nullable",
        B,
        _resp_prop(type="string"),
        _resp_prop(type="string", nullable=True),
        RESP + "/properties/a/nullable",
    ),
    Case(
        "response-optional-property-removed",
        PB,
        response(obj(a=S)),
        response(obj()),
        RESP + "/properties/a",
    ),
    Case(
        "response-property-added",
        INFO,
        response(obj()),
        response(obj(a=S)),
        RESP + "/properties/a",
    ),
    Case(
        "response-type-changed",
        B,
        _resp_prop(type="string"),
        _resp_prop(type="integer"),
        RESP + "/properties/a/type",
    ),
    Case(
        "response-format-changed",
        B,
        _resp_prop(type="string", format="date-time"),
        _resp_prop(type="string", format="date"),
        RESP + "/properties/a/format",
    ),
    Case(
        "response-enum-value-added",
        PB,
        _resp_prop(type="string", enum=["a"]),
        _resp_prop(type="string", enum=["a", "b"]),
        RESP + "/properties/a/enum",
    ),
    Case(
        "response-enum-value-removed",
        INFO,
        _resp_prop(type="string", enum=["a", "b"]),
        _resp_prop(type="string", enum=["a"]),
        RESP + "/properties/a/enum",
    ),
    Case(
        "response-constraint-relaxed",
        PB,
        _resp_prop(type="string", maxLength=5),
        _resp_prop(type="string", maxLength=10),
        RESP + "/properties/a/maxLength",
    ),
    Case(
        "response-schema-option-added",
        B,
        _resp_prop(oneOf=[S]),
        _resp_prop(oneOf=[S, {"type": "integer"}]),
        RESP + "/properties/a/oneOf",
    ),
    Case(
        "response-wrapped-in-one-of",
        B,
        response(obj(a=S)),
        response({"oneOf": [obj(a=S), obj(b=S)]}),
        RESP + "/oneOf",
    ),
    Case(
        "response-constraint-removed",
        PB,
        _resp_prop(type="object", propertyNames={"pattern": "^[a-z]+$"}),
        _resp_prop(type="object"),
        RESP + "/properties/a/propertyNames",
    ),
    # webhooks (OpenAPI 3.1)
    Case("webhook-removed", B, _webhooks("ping"), _webhooks(), "/webhooks/ping"),
    Case("webhook-added", INFO, _webhooks(), _webhooks("ping"), "/webhooks/ping"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_fires(case: Case) -> None:
    found = [c for c in diff_specs(case.base, case.head, today=TODAY) if c.rule == case.rule]
    assert [c.pointer for c in found] == [case.pointer]
    assert found[0].level is case.level
    assert found[0].message


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_rule_is_silent_when_nothing_changed(case: Case) -> None:
    assert diff_specs(case.base, case.base, today=TODAY) == []
    assert diff_specs(case.head, case.head, today=TODAY) == []


def test_every_rule_has_a_case() -> None:
    assert sorted(case.rule for case in CASES) == sorted(RULES)


def test_docs_page_lists_every_rule_with_its_level() -> None:
    page = (Path(__file__).parents[2] / "docs" / "diff-rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"### `{rule.id}`" in page, rule.id
        section = page.split(f"### `{rule.id}`", 1)[1].split("\n### ", 1)[0]
        assert f"**{rule.level.label}**" in section, rule.id


def test_docs_table_gives_every_rule_its_level_and_an_oasdiff_column() -> None:
    page = (Path(__file__).parents[2] / "docs" / "diff-rules.md").read_text(encoding="utf-8")
    table = page.split("## Rules at a glance", 1)[1].split("\n## ", 1)[0]
    assert "| rule | level | oasdiff | why the level differs |" in table
    for rule in RULES.values():
        assert f"| [`{rule.id}`](#{rule.id}) | {rule.level.label} | " in table, rule.id


def test_a_pattern_added_to_a_parameter_is_breaking_too() -> None:
    base = with_params(query(type="string"))
    head = with_params(query(type="string", pattern="^[a-z]+$"))
    [change] = diff_specs(base, head, today=TODAY)
    assert (change.rule, change.level, change.pointer) == (
        "request-pattern-added",
        B,
        GET + "/parameters/0/schema/pattern",
    )
