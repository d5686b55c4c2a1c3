"""OpenAPI validity of the split spec and of the bundle, and whether the bundle is current.

The split root goes through prance, as `miso bundle` does; when that fails, the inlined
document is validated again here so each error names the split file it comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openapi_spec_validator import OpenAPIV30SpecValidator

from ..bundle import load_bundled, render
from ._finding import Finding
from ._pointer import to_pointer
from ._source import SourceError, SplitSpec, read_yaml

_TOP_LEVEL = {"openapi", "info", "servers", "paths", "components", "security", "tags"}
_MAX_MESSAGE = 240


def _message(error: Any) -> str:
    """jsonschema messages can dump the whole instance; keep the gist."""
    text = str(error.message)
    if text.startswith(("{", "[")):
        text = f"not valid against the OpenAPI 3.0 schema ({error.validator})"
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def openapi_errors(document: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """(document path, message) of each OpenAPI 3.0 error; unplaceable ones at the root."""
    errors = []
    try:
        for error in OpenAPIV30SpecValidator(document).iter_errors():
            path = tuple(str(key) for key in error.path)
            if path[:1] and path[0] not in _TOP_LEVEL:
                errors.append(((), f"{_message(error)} (at {'/'.join(path)} inside a schema)"))
            else:
                errors.append((path, _message(error)))
    except Exception as exc:  # the validator trips over some malformed shapes: say so, go on
        errors.append(((), f"cannot be validated: {type(exc).__name__}: {exc}"))
    return errors


def check_split_valid(spec: SplitSpec) -> tuple[list[Finding], dict[str, Any] | None]:
    """Validate the split root through prance; returns findings and the bundled document."""
    if spec.load_errors:
        return list(spec.load_errors), None
    try:
        bundled = load_bundled(spec.root)
    except Exception as exc:  # prance wraps validator, resolver and YAML errors alike
        found = [spec.finding("spec-valid", p, m) for p, m in openapi_errors(spec.document)]
        if not found:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            found.append(spec.finding("spec-valid", (), f"prance cannot resolve it: {first}"))
        return sorted(set(found)), None
    return [], bundled


def check_bundle_valid(spec: SplitSpec, bundle: Path) -> list[Finding]:
    """The checked-in bundle is what SDK generators read: it must validate on its own."""
    name = spec.display(bundle)
    try:
        document = read_yaml(bundle)
    except SourceError as exc:
        return [Finding(name, "", str(exc), "bundle-valid")]
    if not isinstance(document, dict):
        return [Finding(name, "", "not a mapping", "bundle-valid")]
    return sorted(
        {
            Finding(name, to_pointer(path), message, "bundle-valid")
            for path, message in openapi_errors(document)
        }
    )


def check_bundle_fresh(spec: SplitSpec, bundle: Path, bundled: dict[str, Any]) -> list[Finding]:
    """The bundle equals what `miso bundle` writes now (`miso bundle --check`)."""
    current = bundle.read_text(encoding="utf-8") if bundle.is_file() else ""
    if current == render(bundled):
        return []
    message = "stale: it differs from the split files; run `make bundle` and commit it"
    return [Finding(spec.display(bundle), "", message, "bundle-fresh")]
