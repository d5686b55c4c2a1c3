"""A problem found while loading a document: where it is (file + JSON pointer) and what it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Sorted by file and pointer, so a list of them reads top to bottom like the files do."""

    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}: {self.message}"


class ContractError(Exception):
    """A document could not be loaded (or, when loading strictly, is not valid OpenAPI)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems) or "unreadable document")
