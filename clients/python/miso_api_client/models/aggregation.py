from enum import StrEnum


class Aggregation(StrEnum):
    AVG = "avg"
    COUNT = "count"
    MAX = "max"
    MIN = "min"
    P50 = "p50"
    P95 = "p95"
    P99 = "p99"
    SUM = "sum"

    def __str__(self) -> str:
        return str(self.value)
