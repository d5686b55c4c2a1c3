"""Request and deployment metrics in Redis, so `/api/v1/metrics` on any replica shows the
traffic of all of them.

Each request is one entry of a capped stream (`MAXLEN ~`, the in-process log's cap): its time,
duration and labels, the same samples the in-process `Metrics` keeps, so every aggregation
(percentiles included) gives the same answers on either store. An entry is appended
atomically by whichever replica served the request. Appending is off the request path's
critical part: a request's sample joins a buffer that is sent as one pipeline at the next turn
of the event loop, so concurrent requests share one round trip. A replica reading metrics
sends its own buffer first; a replica killed loses at most the samples of its last loop turn.

    <p>:metrics:requests      stream  r = "<time>\\t<seconds>\\t<method>\\t<endpoint>\\t<status>"
    <p>:metrics:deployments   stream  d = "<time>\\t<status>"
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Iterable

import redis

from miso_mock import clock
from miso_mock.metrics import MAX_SAMPLES, Labels, Metrics, Sample
from miso_mock.redis_store import reachable

logger = logging.getLogger("miso_mock.metrics")

# Entries are looked up by their stream id (Redis's clock) and filtered by their own time (the
# replica's): this much disagreement between the two clocks is tolerated.
CLOCK_SKEW_SECONDS = 10


class RedisMetrics(Metrics):
    def __init__(self, client: redis.Redis, prefix: str) -> None:
        super().__init__()
        self.client = client
        self.requests_key = f"{prefix}:metrics:requests"
        self.deployments_key = f"{prefix}:metrics:deployments"
        self._buffer: list[tuple[str, str, str]] = []  # key, field, value

    def record_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        line = f"{clock.epoch():.6f}\t{seconds:.6f}\t{method}\t{endpoint}\t{status}"
        self._add(self.requests_key, "r", line)

    def record_deployment(self, status: str) -> None:
        self._add(self.deployments_key, "d", f"{clock.epoch():.6f}\t{status}")

    def _add(self, key: str, field: str, value: str) -> None:
        self._buffer.append((key, field, value))
        if len(self._buffer) > 1:
            return  # a flush is already due
        try:
            asyncio.get_running_loop().call_soon(self._flush_quietly)
        except RuntimeError:  # no event loop: nothing to batch with
            self._flush_quietly()

    def _flush_quietly(self) -> None:
        try:
            self._flush()
        except redis.RedisError as exc:  # while Redis is down, its requests were refused anyway
            logger.warning("request metrics not recorded: %s", exc)

    def _flush(self) -> None:
        batch, self._buffer = self._buffer, []
        if not batch:
            return
        with self.client.pipeline(transaction=False) as pipe:
            for key, field, value in batch:
                pipe.xadd(key, {field: value}, maxlen=MAX_SAMPLES, approximate=True)
            pipe.execute()

    @reachable
    def _entries(self, key: str, field: str, since: float) -> list[list[str]]:
        self._flush()
        start = max(0, int((since - CLOCK_SKEW_SECONDS) * 1000))
        found = self.client.xrange(key, min=f"{start}-0", max="+")
        rows = (str(fields[field]).split("\t") for _id, fields in found)
        return [row for row in rows if float(row[0]) >= since]

    def _recorded(self, metric: str, since: float) -> list[Sample]:
        if metric != "deployments_total":
            return []
        return [
            Sample(float(at), 1.0, (("status", status),))
            for at, status in self._entries(self.deployments_key, "d", since)
        ]

    def _request_samples(self, metric: str, since: float) -> Iterable[tuple[int, Labels, float]]:
        rows = self._entries(self.requests_key, "r", since)
        labelled = [
            (int(float(at)), float(seconds), _labels(method, endpoint, status))
            for at, seconds, method, endpoint, status in rows
        ]
        if metric == "http_request_duration_seconds":
            return [(second, labels, seconds) for second, seconds, labels in labelled]
        per_second: dict[tuple[int, Labels], float] = defaultdict(float)
        for second, _seconds, labels in labelled:
            per_second[(second, labels)] += 1.0
        return [(second, labels, n) for (second, labels), n in per_second.items()]


def _labels(method: str, endpoint: str, status: str) -> Labels:
    return (("method", method), ("endpoint", endpoint), ("status", status))
