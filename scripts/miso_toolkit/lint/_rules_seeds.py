"""Every endpoint a seed shows is served by an operation, through `openapi/seed-operations.yaml`.

The mapping is checked in, not inferred: the overview's paths differ from the contract's on
purpose (docs/decisions.md), and each such difference must carry a note saying which decision.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from miso_contract import Operation

from ._finding import Finding
from ._seeds import SeedEndpoint, parse_seeds
from ._source import SourceError, SplitSpec, read_yaml

RULE = "seed-operations"
MAPPING_NAME = "seed-operations.yaml"
_FIELDS = ("seed", "method", "path", "operationId")
_DECISIONS = "docs/decisions.md"


def _template_matches(template: str, path: str) -> bool:
    """`/a/{id}` matches `/a/app-123` and `/a/{id}` (a seed may write either)."""
    pattern = "".join(
        "[^/]+" if part.startswith("{") else re.escape(part)
        for part in re.split(r"(\{[^}]+\})", template)
    )
    return re.fullmatch(pattern, path) is not None


class _Mapping:
    def __init__(self, spec: SplitSpec, file: Path) -> None:
        self.spec, self.file = spec, file
        self.name = spec.display(file)
        self.found: list[Finding] = []

    def add(self, pointer: str, message: str) -> None:
        self.found.append(Finding(self.name, pointer, message, RULE))

    def entries(self) -> list[Any]:
        try:
            content = read_yaml(self.file)
        except SourceError as exc:
            self.add("", str(exc))
            return []
        entries = content.get("endpoints") if isinstance(content, dict) else None
        if not isinstance(entries, list):
            self.add("", "expected a mapping with an `endpoints` list")
            return []
        return entries

    def check_entry(self, index: int, entry: Any, by_id: dict[str, Operation]) -> None:
        pointer = f"/endpoints/{index}"
        if not isinstance(entry, dict) or any(
            not isinstance(entry.get(key), str) for key in _FIELDS
        ):
            self.add(pointer, f"an entry needs string fields {', '.join(_FIELDS)}")
            return
        op = by_id.get(entry["operationId"])
        if op is None:
            self.add(f"{pointer}/operationId", f"no operation {entry['operationId']!r} in the spec")
            return
        same_path = _template_matches(op.path, entry["path"])
        same = same_path and entry["method"].upper() == op.method
        note = entry.get("note")
        if not same and not (isinstance(note, str) and _DECISIONS in note):
            message = (
                f"{entry['method']} {entry['path']} differs from {op.name} "
                f"({op.label}): add a note naming the {_DECISIONS} row"
            )
            self.add(pointer, message)


def check_seed_operations(spec: SplitSpec, seeds_dir: Path | None) -> list[Finding]:
    """Entries naming no operation; with the seed documents, also the endpoints they show
    without an entry and the entries none of them shows.

    The mapping is the project's own file and is always checked; the seeds are an optional
    input (`seeds_dir` None: not compared, see `miso_toolkit.paths.seeds_dir`).
    """
    mapping = _Mapping(spec, spec.root.parent / MAPPING_NAME)
    if seeds_dir is not None and not seeds_dir.is_dir():
        mapping.add("", f"seeds directory {seeds_dir} not found: cannot check the seed operations")
        return mapping.found
    entries = mapping.entries()
    by_id = {op.operation_id: op for op in spec.contract.walk() if op.operation_id}
    by_id = {key: op for key, op in by_id.items() if not op.callback}
    for index, entry in enumerate(entries):
        mapping.check_entry(index, entry, by_id)
    if seeds_dir is not None:
        _compare_with_seeds(mapping, entries, parse_seeds(seeds_dir))
    return mapping.found


def _compare_with_seeds(
    mapping: _Mapping, entries: list[Any], endpoints: list[SeedEndpoint]
) -> None:
    """Seed endpoints without an entry, and entries no seed shows."""
    keys = {
        (entry.get("seed"), str(entry.get("method", "")).upper(), entry.get("path"))
        for entry in entries
        if isinstance(entry, dict)
    }
    for endpoint in endpoints:
        if endpoint.key not in keys:
            message = (
                f"{endpoint.seed} {endpoint.method} {endpoint.path} "
                f"({endpoint.file}:{endpoint.line}) has no entry"
            )
            mapping.add("/endpoints", message)
    shown = {endpoint.key for endpoint in endpoints}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            key = (entry.get("seed"), str(entry.get("method", "")).upper(), entry.get("path"))
            if key not in shown:
                mapping.add(f"/endpoints/{index}", f"{key[0]} {key[1]} {key[2]}: no seed shows it")
