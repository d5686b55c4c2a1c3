"""Timestamps in the format the reference uses (`2024-01-15T10:30:00Z`)."""

from __future__ import annotations

import time
from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)


_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# The current second's timestamp: a create stamps three, and `strftime` is most of the cost.
_this_second: tuple[int, str] = (-1, "")


def iso(moment: datetime | float | None = None) -> str:
    """An RFC 3339 UTC timestamp with second precision."""
    global _this_second
    if moment is None:
        second = int(time.time())
        if second != _this_second[0]:
            _this_second = (second, datetime.fromtimestamp(second, UTC).strftime(_FORMAT))
        return _this_second[1]
    if isinstance(moment, int | float):
        moment = datetime.fromtimestamp(moment, UTC)
    return moment.strftime(_FORMAT)


def epoch() -> float:
    return time.time()


def parse(text: str) -> float:
    """Seconds since the epoch of an RFC 3339 timestamp."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
