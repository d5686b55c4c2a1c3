"""OpenAPI validity of the split spec and of the bundle, and whether the bundle is current.

The split spec is validated as `miso bundle` would validate it, each error named in the split
file it comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from miso_contract import to_pointer
from miso_contract import validation_errors as openapi_errors

from ..bundle import render
from ._finding import Finding
from ._source import SourceError, SplitSpec, read_yaml


def check_split_valid(spec: SplitSpec) -> tuple[list[Finding], dict[str, Any] | None]:
    """Validate the inlined split spec; returns findings and, when valid, the bundled document.

    Errors are placed in the split file they come from.
    """
    if spec.load_errors:
        return list(spec.load_errors), None
    found = [spec.finding("spec-valid", p, m) for p, m in openapi_errors(spec.document)]
    if found:
        return sorted(set(found)), None
    return [], spec.document


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
