"""The checked-in bundle is current, self-contained, keeps component names, and validates."""

from __future__ import annotations

from typing import Any

from miso_toolkit.bundle import render
from miso_toolkit.lint import check_bundle_fresh
from miso_toolkit.lint._source import SplitSpec
from miso_toolkit.paths import BUNDLE, SPEC_ROOT
from openapi_spec_validator import validate

from .conftest import SpecCopy


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in _refs(item)]
    return []


def test_bundle_on_disk_equals_a_fresh_bundle(fresh_bundle: dict[str, Any]) -> None:
    assert BUNDLE.read_text(encoding="utf-8") == render(fresh_bundle), "run `make bundle`"
    assert check_bundle_fresh(SplitSpec.load(SPEC_ROOT), BUNDLE, fresh_bundle) == []


def test_stale_bundle_is_reported(spec_copy: SpecCopy, fresh_bundle: dict[str, Any]) -> None:
    text = spec_copy.bundle.read_text(encoding="utf-8")
    spec_copy.write("dist/miso.yaml", text.replace("List environments", "Changed", 1))
    found = check_bundle_fresh(spec_copy.load(), spec_copy.bundle, fresh_bundle)
    assert [(f.rule, f.file, f.pointer) for f in found] == [
        ("bundle-fresh", "openapi/dist/miso.yaml", "")
    ]


def test_bundle_has_only_internal_refs(bundle: dict[str, Any]) -> None:
    refs = _refs(bundle)
    assert refs, "the bundle should keep component references"
    assert all(ref.startswith("#/components/") for ref in refs), [
        ref for ref in refs if not ref.startswith("#/")
    ]


def test_bundle_keeps_component_names(bundle: dict[str, Any]) -> None:
    assert "Application" in bundle["components"]["schemas"]
    schema = bundle["paths"]["/api/v1/applications/{application_id}"]["get"]["responses"]["200"]
    assert schema["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Application"
    }
    split = SplitSpec.load(SPEC_ROOT).document["components"]
    for kind, names in split.items():
        assert set(bundle["components"][kind]) == set(names), kind


def test_bundle_validates(bundle: dict[str, Any]) -> None:
    validate(bundle)
