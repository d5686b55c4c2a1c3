"""Real figures of the traffic this mock served, for `GET /api/v1/metrics`."""

from __future__ import annotations

import itertools
import math
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from miso_mock import clock

MAX_SAMPLES = 200_000
MAX_LABEL_SETS = 10_000
REQUEST_METRICS = frozenset({"http_requests_total", "http_request_duration_seconds"})
_UNITS = {"m": 60, "h": 3600, "d": 86400}


Labels = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Sample:
    at: float
    value: float
    labels: Labels


class RequestLog:
    """The most recent requests as parallel arrays of time, duration and label-set number.

    20 bytes a request, where a `Sample` and its two floats take 110: at the cap that is 4 MB
    instead of 22, and the mock's peak memory under load is mostly this log.
    """

    def __init__(self, capacity: int = MAX_SAMPLES) -> None:
        self.capacity = capacity
        self._at = array("d")
        self._seconds = array("d")
        self._label = array("I")
        self._oldest = 0  # once full, the slot the next request overwrites
        self._ids: dict[tuple[str, str, int], int] = {}
        self._label_sets: list[Labels] = []
        self._compact_at = MAX_LABEL_SETS

    def append(self, at: float, seconds: float, key: tuple[str, str, int]) -> None:
        label = self._ids.get(key)
        if label is None:
            label = self._new_label(key)
        if len(self._at) < self.capacity:
            self._at.append(at)
            self._seconds.append(seconds)
            self._label.append(label)
            return
        slot = self._oldest
        self._at[slot], self._seconds[slot], self._label[slot] = at, seconds, label
        self._oldest = (slot + 1) % self.capacity

    def rows(self, start: float) -> Iterator[tuple[float, float, int]]:
        """(time, duration, label-set number) of the kept requests from `start` on, oldest
        first; `labels` turns the number back into the label set."""
        first = self._oldest
        rows = zip(
            itertools.chain(self._at[first:], self._at[:first]),
            itertools.chain(self._seconds[first:], self._seconds[:first]),
            itertools.chain(self._label[first:], self._label[:first]),
            strict=True,
        )
        return (row for row in rows if row[0] >= start)

    def labels(self, number: int) -> Labels:
        return self._label_sets[number]

    def _new_label(self, key: tuple[str, str, int]) -> int:
        if len(self._label_sets) >= self._compact_at:
            self._compact()
        method, endpoint, status = key
        self._ids[key] = len(self._label_sets)
        self._label_sets.append(
            (("method", method), ("endpoint", endpoint), ("status", str(status)))
        )
        return self._ids[key]

    def _compact(self) -> None:
        """Forget label sets no kept request has: clients choose methods, so they could grow
        without end. Renumbering is linear in the log, hence done rarely (amortized)."""
        live = sorted(set(self._label))
        number = {old: new for new, old in enumerate(live)}
        self._label = array("I", (number[i] for i in self._label))
        self._label_sets = [self._label_sets[i] for i in live]
        self._ids = {key: number[i] for key, i in self._ids.items() if i in number}
        self._compact_at = max(MAX_LABEL_SETS, 2 * len(live))


def _percentile(fraction: float) -> Callable[[list[float]], float]:
    def pick(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

    return pick


AGGREGATIONS: dict[str, Callable[[list[float]], float]] = {
    "sum": sum,
    "count": lambda values: float(len(values)),
    "avg": lambda values: sum(values) / len(values),
    "min": min,
    "max": max,
    "p50": _percentile(0.50),
    "p95": _percentile(0.95),
    "p99": _percentile(0.99),
}


def parse_time_range(text: str) -> int:
    """Seconds in a time range such as `5m`, `24h`, `7d`."""
    return int(text[:-1]) * _UNITS[text[-1]]


def bucket_width(range_seconds: int) -> int:
    """One minute up to an hour, five minutes up to a day, an hour beyond (as the spec says)."""
    if range_seconds <= 3600:
        return 60
    if range_seconds <= 86400:
        return 300
    return 3600


class Metrics:
    """Samples per metric, kept for a bounded number of recent events."""

    def __init__(self) -> None:
        self._series: dict[str, deque[Sample]] = defaultdict(lambda: deque(maxlen=MAX_SAMPLES))
        # One record per request (value: its duration) serves both request metrics: the
        # counter's samples would repeat its time and labels with a value of 1.
        self._requests = RequestLog()

    def record_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        self._requests.append(clock.epoch(), seconds, (method, endpoint, status))

    def record_deployment(self, status: str) -> None:
        self._series["deployments_total"].append(Sample(clock.epoch(), 1.0, (("status", status),)))

    def query(self, metric: str, time_range: str, aggregation: str) -> list[dict[str, object]]:
        """One point per (bucket, label set), samples combined by `aggregation`.

        Counters (`*_total`) are first summed per second, so `sum` is the count in the bucket,
        `avg`/`max` the mean/peak per-second rate over the seconds that saw traffic.
        """
        span = parse_time_range(time_range)
        width = bucket_width(span)
        since = clock.epoch() - span
        combine = AGGREGATIONS[aggregation]
        groups: dict[tuple[int, tuple[tuple[str, str], ...]], list[float]] = defaultdict(list)
        for bucket, labels, value in self._samples(metric, since):
            groups[(bucket - bucket % width, labels)].append(value)
        points = [
            {"timestamp": clock.iso(bucket), "value": combine(values), "labels": dict(labels)}
            for (bucket, labels), values in groups.items()
        ]
        points.sort(key=lambda p: (p["timestamp"], sorted(p["labels"].items())))  # type: ignore[union-attr]
        return points

    def _samples(
        self, metric: str, since: float
    ) -> Iterable[tuple[int, tuple[tuple[str, str], ...], float]]:
        if metric in REQUEST_METRICS:
            return self._request_samples(metric, since)
        samples = self._recorded(metric, since)
        if not metric.endswith("_total"):
            return ((int(s.at), s.labels, s.value) for s in samples)
        per_second: dict[tuple[int, Labels], float] = defaultdict(float)
        for s in samples:
            per_second[(int(s.at), s.labels)] += s.value
        return ((second, labels, value) for (second, labels), value in per_second.items())

    def _recorded(self, metric: str, since: float) -> list[Sample]:
        """The samples of a metric other than the request metrics, from `since` on."""
        return [s for s in self._series.get(metric, ()) if s.at >= since]

    def _request_samples(self, metric: str, since: float) -> Iterable[tuple[int, Labels, float]]:
        """Durations as they are; the counter as requests per second (each counts 1)."""
        log = self._requests
        rows = log.rows(since)
        if metric == "http_request_duration_seconds":
            return ((int(at), log.labels(label), seconds) for at, seconds, label in rows)
        per_second: dict[tuple[int, int], float] = defaultdict(float)
        for at, _seconds, label in rows:
            per_second[(int(at), label)] += 1.0
        return ((second, log.labels(label), n) for (second, label), n in per_second.items())
