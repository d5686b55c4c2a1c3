"""The Miso checks by name: what each one means, and how many responses it examined and failed.

Schemathesis runs checks from several worker threads at once, so the tallies sit behind a lock.
A check that examined nothing says why (no viewer credentials, a read-only run, ...), so an
idle check is visible in the report instead of passing silently.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from schemathesis.core.failures import Failure

MAX_REASONS = 5


@dataclass(frozen=True)
class Rule:
    """A Miso check: its Schemathesis check name and the rule it holds an instance to."""

    name: str
    explanation: str


@dataclass(frozen=True)
class RuleOutcome:
    """One check's tally for the report; `note` says why it examined nothing, or was off."""

    name: str
    explanation: str
    enabled: bool
    examined: int
    failed: int
    note: str = ""
    # Responses it could not judge: a follow-up request of its own could not be made (rate
    # limited, a fault that persisted, the budget spent) or the data kept changing.
    inconclusive: int = 0
    why_inconclusive: tuple[str, ...] = ()


class Violation(Failure):
    """A response broke one of the reference's rules while matching every schema.

    Schemathesis keeps one finding per operation per distinct key; the key is the rule and the
    kind of breach, so one check can report several different breaches of one operation.
    """

    __slots__ = ("kind",)

    def __init__(self, *, operation: str, kind: str, title: str, message: str) -> None:
        super().__init__(operation=operation, title=title, message=message)
        self.kind = kind

    @property
    def _unique_key(self) -> str:
        return self.kind


class Tally:
    """Examined and failed responses per check, for one run."""

    def __init__(self, rules: tuple[Rule, ...], enabled: frozenset[str]) -> None:
        self.rules = rules
        self.enabled = enabled
        self._lock = threading.Lock()
        self._examined = {rule.name: 0 for rule in rules}
        self._failed = {rule.name: 0 for rule in rules}
        self._inconclusive = {rule.name: 0 for rule in rules}
        self._why: dict[str, dict[str, None]] = {rule.name: {} for rule in rules}
        self._notes: dict[str, str] = {}

    def examined(self, name: str, *, failed: bool = False) -> None:
        with self._lock:
            self._examined[name] += 1
            if failed:
                self._failed[name] += 1

    def inconclusive(self, name: str, reason: str) -> None:
        """A response `name` applies to but could not judge, and why."""
        with self._lock:
            self._inconclusive[name] += 1
            if len(self._why[name]) < MAX_REASONS:
                self._why[name][reason] = None

    def note(self, name: str, text: str) -> None:
        """Why `name` may examine nothing in this run (kept if nothing is examined)."""
        with self._lock:
            self._notes.setdefault(name, text)

    def outcomes(self) -> tuple[RuleOutcome, ...]:
        with self._lock:
            return tuple(
                RuleOutcome(
                    name=rule.name,
                    explanation=rule.explanation,
                    enabled=rule.name in self.enabled,
                    examined=self._examined[rule.name],
                    failed=self._failed[rule.name],
                    note=self._note_for(rule.name),
                    inconclusive=self._inconclusive[rule.name],
                    why_inconclusive=tuple(self._why[rule.name]),
                )
                for rule in self.rules
            )

    def _note_for(self, name: str) -> str:
        if name not in self.enabled:
            return "switched off in schemathesis.toml"
        if self._examined[name] or self._inconclusive[name]:
            return ""
        return self._notes.get(name, "no response this rule applies to")
