"""Records that change by themselves (a deployment rolling out, an application provisioned):
what the oracle goes through, read as an ordering rule rather than as timing.

The oracle is read until its answer stays the same for a few of its steps: the fields that
changed meanwhile are the evolving ones, in the order it showed their values, and its last
answer is the settled state. The instance is then read, at the run's pace, until it shows the
same settled values, and a few times more to see that they stay. A value the instance shows
must come in the oracle's order (never backwards) and the settled state must be reached
within the settings' wait; nothing about how fast."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ._compare import Difference
from ._sides import Exchange

Read = Callable[[], tuple[Exchange, Any]]  # one read and its fingerprint
QUIET_STEPS = 6  # the oracle is settled after this many of its steps without a change
CONFIRM_READS = 2  # reads of the instance after it settled, to see that it stays
MAX_ORACLE_STEPS = 400


def leaves(value: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{where}/{index}")
    else:
        yield where or "/", value


def deduped(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if not out or out[-1] != value:
            out.append(value)
    return out


@dataclass
class Course:
    """What one side showed of a record over time: each evolving field's values, in order."""

    reads: list[tuple[Exchange, Any]] = field(default_factory=list)

    def values(self, where: str) -> list[Any]:
        return deduped([dict(leaves(fp)).get(where, "(absent)") for _, fp in self.reads])

    @property
    def last(self) -> tuple[Exchange, Any]:
        return self.reads[-1]


def watch_oracle(read: Callable[[], tuple[Any, Any]], step_seconds: float) -> list[tuple[Any, Any]]:
    """Read the oracle until what it shows stays the same for a few of its steps; every read
    (its answers, its fingerprint), in order."""
    reads: list[tuple[Any, Any]] = []
    quiet_since = time.monotonic()
    pause = max(step_seconds / 5, 0.002)
    for _ in range(MAX_ORACLE_STEPS * 5):
        answers, fp = read()
        if reads and fp != reads[-1][1]:
            quiet_since = time.monotonic()
        reads.append((answers, fp))
        if time.monotonic() - quiet_since >= QUIET_STEPS * step_seconds:
            break
        time.sleep(pause)
    return reads


def evolving_fields(course: Course) -> set[str]:
    """The fields whose value changed over the course."""
    seen = [dict(leaves(fp)) for _, fp in course.reads]
    every = set().union(*seen) if seen else set()
    return {where for where in every if len({repr(s.get(where, "(absent)")) for s in seen}) > 1}


def settle_instance(
    read: Read,
    target: dict[str, Any],
    *,
    wait_seconds: float,
    poll_seconds: float,
    first: tuple[Exchange, Any] | None = None,
    confirm: bool = True,
) -> tuple[Course, bool]:
    """Read the instance until its evolving fields hold the oracle's settled values (then a
    few more reads); False when the wait ran out first."""
    course = Course()
    if first is not None:
        course.reads.append(first)
    deadline = time.monotonic() + wait_seconds
    confirmations = 0
    while True:
        exchange, fp = read()
        course.reads.append((exchange, fp))
        flat = dict(leaves(fp))
        if exchange.ok and all(flat.get(w, "(absent)") == v for w, v in target.items()):
            confirmations += 1
            if confirmations > (CONFIRM_READS if confirm else 0):
                return course, True
        elif confirmations:
            return course, True  # it settled and moved on: the ordering check says how
        if time.monotonic() >= deadline:
            return course, False
        time.sleep(poll_seconds)


def ordering_differences(oracle: Course, instance: Course, evolving: set[str]) -> list[Difference]:
    """Each evolving field must take its values in the oracle's order, never going back, and
    only values the oracle takes on the way."""
    found = []
    for where in sorted(evolving):
        expected = oracle.values(where)
        shown = instance.values(where)
        position = 0
        for value in shown:
            if value not in expected:
                found.append(
                    Difference(
                        f"{where} (course)",
                        " → ".join(map(str, shown)),
                        " → ".join(map(str, expected)),
                    )
                )
                break
            index = expected.index(value)
            if index < position:
                found.append(
                    Difference(
                        f"{where} (went back)",
                        " → ".join(map(str, shown)),
                        " → ".join(map(str, expected)),
                    )
                )
                break
            position = index
    return found
