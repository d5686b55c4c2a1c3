"""Differing steps as `miso_oracle` findings: the rule in the spec's words, both exchanges
side by side, and a curl that repeats the instance's request."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from typing import Any

from .._redact import Redactor
from .._results import Finding
from ._sides import Exchange
from ._steps import Step

CHECK = "miso_oracle"
PHASE = "oracle"
BODY_CHARS = 1200


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _exchange(title: str, exchange: Exchange) -> str:
    lines = [f"{title}: {exchange.method} {exchange.path} -> {exchange.status}"]
    if exchange.body is not None:
        lines.append(f"  sent: {json.dumps(exchange.body, ensure_ascii=False)[:BODY_CHARS]}")
    text = exchange.content.decode("utf-8", errors="replace")
    if text:
        cut = f"... ({len(exchange.content)} bytes in all)" if len(text) > BODY_CHARS else ""
        lines.append(f"  answer: {text[:BODY_CHARS]}{cut}")
    return "\n".join(lines)


def curl(base_url: str, exchange: Exchange) -> str:
    parts = ["curl", "-X", exchange.method, "-H", "Authorization: Bearer $TOKEN"]
    if exchange.body is not None:
        parts += ["-H", "Content-Type: application/json", "-d", json.dumps(exchange.body)]
    parts.append(f"{base_url.rstrip('/')}{exchange.path}")
    return " ".join(shlex.quote(part) if part != "$TOKEN" else part for part in parts).replace(
        "'Authorization: Bearer $TOKEN'", '"Authorization: Bearer $TOKEN"'
    )


def findings(steps: Iterable[Step], base_url: str, redact: Redactor) -> list[Finding]:
    """One finding per operation and kind of difference (the first step that showed it)."""
    out, seen = [], set()
    for step in steps:
        key = (step.operation, tuple(d.where for d in step.differences))
        if key in seen:
            continue
        seen.add(key)
        differences = "\n".join(
            f"- {d.where}: instance {_value(d.instance)}, oracle {_value(d.oracle)}"
            for d in step.differences
        )
        message = "\n\n".join(
            [
                "The instance behaves differently from the mock (the oracle) here:",
                differences,
                _exchange("Instance", step.instance),
                _exchange("Oracle (miso mock)", step.oracle),
            ]
        )
        out.append(
            Finding(
                operation=step.operation,
                check=CHECK,
                title=redact(f"Differs from the oracle: {step.rule}"),
                message=redact(message),
                curl=redact(curl(base_url, step.instance)),
                status=step.instance.status,
                response=redact(step.instance.content.decode("utf-8", errors="replace")[:2000]),
                phase=PHASE,
            )
        )
    return out
