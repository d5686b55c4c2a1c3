"""Real figures of the traffic this mock served, for `GET /api/v1/metrics`."""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from miso_mock import clock

MAX_SAMPLES = 200_000
MAX_LABEL_SETS = 10_000
REQUEST_METRICS = frozenset({"http_requests_total", "http_request_duration_seconds"})
_UNITS = {"m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class Sample:
    at: float
    value: float
    labels: tuple[tuple[str, str], ...]


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
        # One sample per request (value: its duration) serves both request metrics: the
        # counter's samples would repeat its time and labels with a value of 1.
        self._requests: deque[Sample] = deque(maxlen=MAX_SAMPLES)
        # One label tuple per (method, endpoint, status), shared by all its samples: at the
        # sample cap, fresh tuples per request would hold about 50 MB more.
        self._labels: dict[tuple[str, str, int], tuple[tuple[str, str], ...]] = {}

    def record_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        key = (method, endpoint, status)
        labels = self._labels.get(key)
        if labels is None:
            labels = (("method", method), ("endpoint", endpoint), ("status", str(status)))
            if len(self._labels) < MAX_LABEL_SETS:  # clients choose methods: stay bounded
                self._labels[key] = labels
        self._requests.append(Sample(clock.epoch(), seconds, labels))

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
        recorded = self._requests if metric in REQUEST_METRICS else self._series.get(metric, ())
        samples = [s for s in recorded if s.at >= since]
        if not metric.endswith("_total"):
            return ((int(s.at), s.labels, s.value) for s in samples)
        counted = metric in REQUEST_METRICS  # each request counts 1, whatever its duration
        per_second: dict[tuple[int, tuple[tuple[str, str], ...]], float] = defaultdict(float)
        for s in samples:
            per_second[(int(s.at), s.labels)] += 1.0 if counted else s.value
        return ((second, labels, value) for (second, labels), value in per_second.items())
