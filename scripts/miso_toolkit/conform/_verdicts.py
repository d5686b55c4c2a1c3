"""What the webhook and token checks conclude: findings named `miso_oracle`, each with the
exchange, the rule in words and a `curl` to reproduce it, and the things they could not judge.

A breach of one kind is reported once per operation (with how often it was seen), as
Schemathesis reports one failure per distinct kind.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from typing import Any

from ._results import Finding

CHECK = "miso_oracle"
PHASE = "oracle"


def curl(base_url: str, method: str, path: str, body: Any = None, *, token: bool = True) -> str:
    """A reproducing command; the run's credential is never shown."""
    parts = ["curl", "-X", method, shlex.quote(base_url.rstrip("/") + path)]
    if token:
        parts += ["-H", shlex.quote("Authorization: Bearer [REDACTED]")]
    if body is not None:
        parts += ["-H", shlex.quote("Content-Type: application/json")]
        parts += ["-d", shlex.quote(json.dumps(body))]
    return " ".join(parts)


@dataclass
class _Seen:
    finding: Finding
    times: int = 1


@dataclass
class Verdicts:
    """Findings, kept one per (operation, kind), and the reasons something was not judged."""

    examined: int = 0
    inconclusive: list[str] = field(default_factory=list)
    _found: dict[tuple[str, str], _Seen] = field(default_factory=dict)

    def breach(
        self,
        operation: str,
        kind: str,
        title: str,
        message: str,
        *,
        curl: str,
        response: str,
        status: int | None = None,
    ) -> None:
        key = (operation, kind)
        if key in self._found:
            self._found[key].times += 1
            return
        finding = Finding(operation, CHECK, title, message, curl, status, response, PHASE)
        self._found[key] = _Seen(finding)

    def cannot_judge(self, reason: str) -> None:
        self.inconclusive.append(reason)

    @property
    def failed(self) -> int:
        return sum(seen.times for seen in self._found.values())

    def findings(self) -> list[Finding]:
        out = []
        for seen in self._found.values():
            finding = seen.finding
            if seen.times > 1:
                more = f" (seen {seen.times} times; the first is shown)"
                finding = Finding(
                    finding.operation,
                    finding.check,
                    finding.title + more,
                    finding.message,
                    finding.curl,
                    finding.status,
                    finding.response,
                    finding.phase,
                )
            out.append(finding)
        return out

    def extend(self, other: Verdicts) -> None:
        self.examined += other.examined
        self.inconclusive += other.inconclusive
        for key, seen in other._found.items():
            if key in self._found:
                self._found[key].times += seen.times
            else:
                self._found[key] = seen
