"""One compared step: both exchanges, the differences, and the rule they break in words."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._compare import Difference
from ._sides import Exchange


@dataclass(frozen=True)
class Step:
    operation: str  # its label, `GET /api/v1/applications/{application_id}`
    rule: str  # the spec's words for what the instance does differently
    instance: Exchange
    oracle: Exchange
    differences: tuple[Difference, ...]


@dataclass
class Outcome:
    """What the oracle found: differing steps, how many steps it compared, and what it could
    not judge."""

    steps: list[Step] = field(default_factory=list)
    compared: int = 0
    inconclusive: list[str] = field(default_factory=list)

    def record(
        self,
        operation: str,
        rule: str,
        instance: Exchange,
        oracle: Exchange,
        differences: list[Difference],
    ) -> None:
        self.compared += 1
        if differences:
            self.steps.append(Step(operation, rule, instance, oracle, tuple(differences)))
