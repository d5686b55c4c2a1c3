"""When each piece of simulated work (a provisioning, a deployment's next step) is due.

Work is not a timer in the process that started it: it is an entry in a schedule that every
replica polls. Claiming an entry leases it (it is due again `lease` seconds later), so exactly
one replica performs a step, and a replica killed mid-step only delays it by the lease: another
one claims it next.
"""

from __future__ import annotations

import heapq
from typing import Protocol

import redis

from miso_mock.redis_store import reachable


class Schedule(Protocol):
    def add(self, item: str, due: float) -> None:
        """`item` is due at `due` (epoch seconds), replacing any earlier time."""

    def claim(self, now: float, lease: float, limit: int) -> list[str]:
        """Up to `limit` items due by `now`; each is due again at `now + lease` unless it is
        added again or done before then."""

    def done(self, item: str) -> None: ...

    def next_due(self) -> float | None:
        """When the earliest item is due (None: nothing scheduled)."""


class MemorySchedule:
    """A heap with lazy deletion: an entry counts only while it matches the item's due time."""

    def __init__(self) -> None:
        self._due: dict[str, float] = {}
        self._heap: list[tuple[float, str]] = []

    def add(self, item: str, due: float) -> None:
        self._due[item] = due
        heapq.heappush(self._heap, (due, item))

    def claim(self, now: float, lease: float, limit: int) -> list[str]:
        claimed: list[str] = []
        while self._heap and self._heap[0][0] <= now and len(claimed) < limit:
            due, item = heapq.heappop(self._heap)
            if self._due.get(item) == due:
                claimed.append(item)
        for item in claimed:
            self.add(item, now + lease)
        return claimed

    def done(self, item: str) -> None:
        self._due.pop(item, None)

    def next_due(self) -> float | None:
        while self._heap and self._due.get(self._heap[0][1]) != self._heap[0][0]:
            heapq.heappop(self._heap)
        return self._heap[0][0] if self._heap else None


# KEYS[1]: the schedule; ARGV: now, now + lease, limit. Claims atomically: two replicas
# polling at once get different items.
_CLAIM_LUA = """
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, item in ipairs(items) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], item)
end
return items
"""


class RedisSchedule:
    """One sorted set (score: due time) shared by every replica."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.key = f"{prefix}:due"
        self._claim = client.register_script(_CLAIM_LUA)

    @reachable
    def add(self, item: str, due: float) -> None:
        self.client.zadd(self.key, {item: due})

    @reachable
    def claim(self, now: float, lease: float, limit: int) -> list[str]:
        return list(self._claim(keys=[self.key], args=[now, now + lease, limit]))

    @reachable
    def done(self, item: str) -> None:
        self.client.zrem(self.key, item)

    @reachable
    def next_due(self) -> float | None:
        first = self.client.zrange(self.key, 0, 0, withscores=True)
        return float(first[0][1]) if first else None
