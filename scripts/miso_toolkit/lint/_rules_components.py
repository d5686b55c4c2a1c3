"""No unused components: a component nothing reaches is dead weight in every generated SDK."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from miso_contract import from_pointer

from ._finding import Finding
from ._source import SplitSpec

_PREFIX = "#/components/"


def _refs(node: Any) -> Iterator[tuple[str, str]]:
    """(kind, name) of every `#/components/...` reference below `node`, discriminators too."""
    if isinstance(node, list):
        for item in node:
            yield from _refs(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str) and value.startswith(_PREFIX):
            path = from_pointer(value)
            if len(path) >= 3:
                yield path[1], path[2]
        elif key == "mapping" and isinstance(value, dict):
            for target in value.values():
                if isinstance(target, str) and target.startswith(_PREFIX):
                    yield from_pointer(target)[1], from_pointer(target)[2]
        else:
            yield from _refs(value)


def _security_schemes(node: Any) -> Iterator[tuple[str, str]]:
    """Security schemes are named by key in security requirements, never by `$ref`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "security" and isinstance(value, list):
                for requirement in value:
                    for name in requirement if isinstance(requirement, dict) else ():
                        yield "securitySchemes", name
            else:
                yield from _security_schemes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _security_schemes(item)


def check_unused_components(spec: SplitSpec) -> list[Finding]:
    """Components reachable from anything outside `components`; the rest are reported."""
    document = spec.document
    components = document.get("components") or {}
    outside = {key: value for key, value in document.items() if key != "components"}
    pending = [*_refs(outside), *_security_schemes(outside)]
    reached: set[tuple[str, str]] = set()
    while pending:
        ref = pending.pop()
        if ref in reached:
            continue
        reached.add(ref)
        target = (components.get(ref[0]) or {}).get(ref[1])
        pending.extend([*_refs(target), *_security_schemes(target)])
    found = []
    for kind, group in components.items():
        for name in group if isinstance(group, dict) else {}:
            if (kind, name) not in reached:
                message = f"component {kind}/{name} is never referenced"
                found.append(spec.finding("unused-components", ("components", kind, name), message))
    return sorted(found)
