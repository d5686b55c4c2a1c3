"""`miso diff` reads the documents people have: imperfect ones are diffed, with warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from miso_toolkit.diff import main

from .specs import Spec, operation, query, spec, write_yaml

OK = {"200": {"description": "ok"}}


def _items(op: dict[str, Any], path: str = "/items") -> Spec:
    return spec({path: {"get": op}})


# Each kind of imperfection oasdiff diffs without complaint, as a base document.
IMPERFECT: dict[str, tuple[Spec, str | None]] = {
    "unquoted status code": (
        _items({"operationId": "listItems", "responses": {200: OK["200"]}}),
        None,
    ),
    "response without description": (
        _items({"operationId": "listItems", "responses": {"200": {}}}),
        "/paths/~1items/get/responses/200",
    ),
    "operation without responses": (
        _items({"operationId": "listItems"}),
        "/paths/~1items/get",
    ),
    "path parameter without required": (
        _items(
            operation(parameters=[{"name": "id", "in": "path", "schema": {"type": "string"}}]),
            "/items/{id}",
        ),
        "/paths/~1items~1{id}/get/parameters/0",
    ),
    "unknown type": (
        _items(operation(parameters=[query("upload", type="file")])),
        "/paths/~1items/get/parameters/0",
    ),
}


def _with_required_query(document: Spec) -> Spec:
    """The same document with a required query parameter added to its one operation."""
    [item] = document["paths"].values()
    op = item["get"]
    op["parameters"] = [*op.get("parameters", []), query("tenant", required=True)]
    return document


@pytest.mark.parametrize("kind", sorted(IMPERFECT))
def test_an_imperfect_document_is_diffed(kind: str, tmp_path: Path, capsys: Any) -> None:
    document, problem_at = IMPERFECT[kind]
    base = write_yaml(tmp_path / "base.yaml", document)
    head = write_yaml(tmp_path / "head.yaml", _with_required_query(document))
    assert main([str(base), str(head), "--format", "json"]) == 1  # diffed, not refused
    captured = capsys.readouterr()
    assert '"rule": "new-required-parameter"' in captured.out
    if problem_at is None:
        assert captured.err == ""
    else:
        assert f"miso diff: warning: {base.as_posix()}#{problem_at}: " in captured.err
        assert f"miso diff: warning: {head.as_posix()}#{problem_at}: " in captured.err


def test_unquoted_status_codes_compare_with_quoted_ones(tmp_path: Path, capsys: Any) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
        "paths:\n  /items:\n    get:\n      responses:\n        200: {description: ok}\n",
        encoding="utf-8",
    )
    head = write_yaml(tmp_path / "head.yaml", _items({"responses": {"200": {"description": "ok"}}}))
    assert main([str(base), str(head), "--format", "json"]) == 0
    assert '"changes": []' in capsys.readouterr().out  # not "200 removed, 200 added"


def test_a_load_problem_names_its_file_and_pointer(tmp_path: Path, capsys: Any) -> None:
    """In a split document the warning names the file to open and the pointer inside it."""
    write_yaml(tmp_path / "paths" / "items.yaml", {"get": {"responses": {"200": {}}}})
    root = write_yaml(tmp_path / "api.yaml", spec({"/items": {"$ref": "paths/items.yaml"}}))
    assert main([str(root), str(root)]) == 0
    err = capsys.readouterr().err.splitlines()
    where = f"{(tmp_path / 'paths' / 'items.yaml').as_posix()}#/get/responses/200"
    message = "this value is not valid under any of the schemas listed in the 'oneOf' keyword"
    assert err == [f"miso diff: warning: {root.as_posix()}: {where}: {message}"] * 2


def test_the_json_report_lists_load_problems(tmp_path: Path, capsys: Any) -> None:
    base = write_yaml(tmp_path / "base.yaml", _items({"operationId": "listItems"}))
    head = write_yaml(tmp_path / "head.yaml", _items(operation()))
    assert main([str(base), str(head), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == [
        {
            "side": str(base),
            "file": base.as_posix(),
            "pointer": "/paths/~1items/get",
            "message": '"responses" is a required property',
        }
    ]


def test_a_side_that_cannot_be_parsed_exits_2(tmp_path: Path, capsys: Any) -> None:
    good = write_yaml(tmp_path / "good.yaml", _items(operation()))
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\npaths: {\n", encoding="utf-8")
    assert main([str(good), str(bad)]) == 2
    assert "bad.yaml" in capsys.readouterr().err
