"""One lint finding: where it is (split file + JSON pointer inside it) and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """Sorted by file and pointer so the report reads top to bottom like the files do."""

    file: str
    pointer: str
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}: {self.message} [{self.rule}]"
