"""How the oracle is run: whether at all, and how long it waits for an instance to settle.

Kept apart from the rest of the oracle so `ConformOptions` can carry it without importing the
mock (which may not be installed where `miso conform` runs)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OracleSettings:
    """`required`: the oracle was asked for by name (`--oracle`), so a missing mock package is
    a usage error rather than a note. `wait_seconds`: how long the instance may take to reach
    the state the oracle settles in (a deployment's end, a provisioned application) before it
    is judged never to reach it. `poll_seconds`: the pause between two reads of the instance
    while it settles. `deploy_speed`: the oracle's own `--deploy-speed`; only the order of
    what it shows is compared, never its timing."""

    required: bool = False
    wait_seconds: float = 120.0
    poll_seconds: float = 0.25
    deploy_speed: float = 20.0
