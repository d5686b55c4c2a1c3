"""Timestamps in the format the reference uses (`2024-01-15T10:30:00Z`)."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | float | None = None) -> str:
    """An RFC 3339 UTC timestamp with second precision."""
    if moment is None:
        moment = now()
    if isinstance(moment, int | float):
        moment = datetime.fromtimestamp(moment, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch() -> float:
    return time.time()


def parse(text: str) -> float:
    """Seconds since the epoch of an RFC 3339 timestamp."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
