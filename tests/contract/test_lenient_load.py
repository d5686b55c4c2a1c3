"""Lenient loading: documents that are not quite valid OpenAPI are read, each problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import miso_contract
import pytest
import yaml
from miso_contract import ContractError


def write(path: Path, document: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def document(operation: dict[str, Any], version: str = "3.0.3") -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {"/items": {"get": operation}},
    }


def problems(path: Path) -> list[str]:
    contract = miso_contract.load(path, strict=False, base=path.parent)
    return [str(problem) for problem in contract.problems]


def test_a_problem_is_one_line_at_its_pointer(tmp_path: Path) -> None:
    path = write(tmp_path / "api.yaml", document({"operationId": "listItems"}))
    assert problems(path) == ['api.yaml#/paths/~1items/get: "responses" is a required property']


def test_a_value_dump_is_left_out_of_the_message(tmp_path: Path) -> None:
    path = write(tmp_path / "api.yaml", document({"responses": {"200": {}}}))
    [problem] = problems(path)
    assert problem == (
        "api.yaml#/paths/~1items/get/responses/200: this value is not valid under any of the "
        "schemas listed in the 'oneOf' keyword"
    )


def test_an_error_inside_a_schema_is_located_in_the_document(tmp_path: Path) -> None:
    parameter = {"name": "upload", "in": "query", "schema": {"type": "file"}}
    path = write(
        tmp_path / "api.yaml",
        document({"parameters": [parameter], "responses": {"200": {"description": "ok"}}}),
    )
    found = problems(path)
    assert any(
        p.startswith("api.yaml#/paths/~1items/get/parameters/0/schema/type: 'file' ") for p in found
    ), found


def test_31_documents_are_validated_as_31(tmp_path: Path) -> None:
    valid = document(
        {
            "parameters": [{"name": "q", "in": "query", "schema": {"type": ["string", "null"]}}],
            "responses": {"200": {"description": "ok"}},
        },
        version="3.1.0",
    )
    assert problems(write(tmp_path / "valid.yaml", valid)) == []
    invalid = document({"responses": {"200": {}}}, version="3.1.0")
    assert problems(write(tmp_path / "invalid.yaml", invalid)) == [
        'invalid.yaml#/paths/~1items/get/responses/200: "description" is a required property'
    ]


def test_strict_loading_refuses_what_lenient_loading_reports(tmp_path: Path) -> None:
    path = write(tmp_path / "api.yaml", document({"operationId": "listItems"}))
    with pytest.raises(ContractError) as raised:
        miso_contract.load(path, strict=True, base=tmp_path)
    assert [str(p) for p in raised.value.problems] == problems(path)
