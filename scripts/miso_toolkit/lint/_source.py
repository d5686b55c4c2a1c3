"""The split spec as lint reads it: the contract model's file-aware loading, plus findings.

Rules inspect the inlined document (what the bundle holds) but must tell authors which split
file to open; `miso_contract.Source` records every file boundary, so any bundle pointer maps
back to `(file, pointer inside that file)`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Self

from miso_contract import Contract, DocPath, Source, SourceError, from_pointer, get, read_yaml

from ._finding import Finding

__all__ = ["SourceError", "SplitSpec", "read_yaml"]


class SplitSpec(Source):
    """The inlined split spec; file names are shown relative to the repository."""

    @classmethod
    def load(cls, root: Path, *, base: Path | None = None) -> Self:
        root = root.resolve()
        return super().load(root, base=base or root.parent.parent)

    @property
    def load_errors(self) -> list[Finding]:
        return [Finding(p.file, p.pointer, p.message, "spec-valid") for p in self.problems]

    @cached_property
    def contract(self) -> Contract:
        return Contract(self.document, label=self.display(self.root), origins=self)

    def finding(self, rule: str, path: DocPath, message: str) -> Finding:
        problem = self.problem(path, message)
        return Finding(problem.file, problem.pointer, message, rule)

    def get(self, path: DocPath) -> Any:
        return get(self.document, path)

    def resolve(self, path: DocPath) -> tuple[DocPath, Any]:
        """Follow internal `$ref`s from `path` to the object they name (at most 20 hops)."""
        node = self.get(path)
        for _ in range(20):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#"):
                break
            path = from_pointer(ref)
            node = self.get(path)
        return path, node
