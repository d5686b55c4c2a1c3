"""Fixed-window request counts per client, in a structure whose size is bounded.

Keys are short and few: a client id for a verified token, an address otherwise, never anything
a client can make up at will (a header's text, say). Every count belongs to the current window,
so a new window starts from nothing; within one, past `max_keys` the least recently seen client
is forgotten first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

MAX_KEYS = 10_000


@dataclass(frozen=True)
class Standing:
    """A client's place in the current window, after counting its request."""

    limit: int
    window: int
    count: int
    reset: int  # when the window ends (epoch seconds)

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit


class Windows(Protocol):
    """Request counts per client and window: `RateWindows` in process, or shared in Redis."""

    def hit(self, key: str, now: float, cost: int = 1) -> Standing: ...


class RateWindows:
    def __init__(self, limit: int, window: int, max_keys: int = MAX_KEYS) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._start = 0
        self._counts: OrderedDict[str, int] = OrderedDict()

    def hit(self, key: str, now: float, cost: int = 1) -> Standing:
        """Count a request of `key` (`cost` 0 only looks) and say where it stands."""
        start = int(now // self.window * self.window)
        if start != self._start:
            self._start = start
            self._counts.clear()
        count = self._counts.pop(key, 0) + cost
        self._counts[key] = count
        while len(self._counts) > self.max_keys:
            self._counts.popitem(last=False)
        return Standing(self.limit, self.window, count, start + self.window)

    def __len__(self) -> int:
        return len(self._counts)
