"""A reported change, and the small collector the comparison modules append to."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import RULES, Level


def escape(token: str) -> str:
    """Escape one JSON-pointer token (RFC 6901), so `/applications/{id}` stays one segment."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Join tokens into a JSON pointer."""
    return "".join("/" + escape(str(token)) for token in tokens)


@dataclass(frozen=True, order=True)
class Change:
    """One difference between the two specs, located by a JSON pointer.

    The pointer is logical: it follows `$ref`s, so a change inside a shared component is
    reported at each operation that uses it, where a reviewer sees who is affected.
    """

    rule: str
    pointer: str
    message: str
    operation: str = ""

    @property
    def level(self) -> Level:
        """The level comes from the catalogue, never from the call site."""
        return RULES[self.rule].level

    def as_dict(self) -> dict[str, str]:
        """The machine-readable form shared by the JSON report and the gate."""
        return {
            "rule": self.rule,
            "level": self.level.label,
            "operation": self.operation,
            "pointer": self.pointer,
            "message": self.message,
        }


@dataclass
class Collector:
    """Accumulates changes; refuses rule ids missing from the catalogue so none go undocumented."""

    operation: str = ""
    changes: list[Change] = field(default_factory=list)

    def add(self, rule: str, at: str, message: str) -> None:
        if rule not in RULES:
            raise KeyError(f"unknown diff rule {rule!r}")
        self.changes.append(Change(rule, at, message, self.operation))

    def for_operation(self, operation: str) -> Collector:
        """A collector that tags its changes with an operation but shares this one's list."""
        return Collector(operation, self.changes)
