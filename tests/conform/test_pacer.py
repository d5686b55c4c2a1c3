"""The pacer: waits out 429s, retries passing faults a bounded number of times, keeps within
the instance's budget and `--rate`, and counts what it saw. A fake clock: nothing sleeps."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from miso_toolkit.conform._pacer import (
    TRANSIENT_RETRIES,
    BudgetSpent,
    Pacer,
    parse_rate,
)


@dataclass
class Clock:
    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)

    def read(self) -> tuple[int, Callable[[str], str | None]]:
        lowered = {k.lower(): v for k, v in self.headers.items()}
        return self.status, lambda name: lowered.get(name.lower())


def _pacer(clock: Clock, **options: object) -> Pacer:
    return Pacer(clock=clock, sleep=clock.sleep, **options)  # type: ignore[arg-type]


def _script(*answers: Answer | Exception) -> tuple[Callable[[], Answer], list[int]]:
    sent: list[int] = []
    queue = list(answers)

    def attempt() -> Answer:
        sent.append(1)
        item = queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return attempt, sent


def _send(pacer: Pacer, attempt: Callable[[], Answer], method: str = "GET") -> Answer:
    return pacer.send(
        "token",
        method,
        attempt,
        Answer.read,
        fault=lambda exc: "reset" if isinstance(exc, ConnectionResetError) else None,
    )


def test_a_429_is_waited_out_and_sent_again() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    attempt, sent = _script(Answer(429, {"Retry-After": "7"}), Answer(200))

    assert _send(pacer, attempt).status == 200
    assert len(sent) == 2
    assert clock.slept == [7.0]
    assert pacer.health.rate_limited == 1


def test_a_503_with_retry_after_is_retried_but_one_that_persists_is_handed_on() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    passing, _ = _script(Answer(503, {"Retry-After": "1"}), Answer(200))
    assert _send(pacer, passing).status == 200
    assert pacer.health.transient == {"503": 1}

    persisting, sent = _script(*[Answer(503, {"Retry-After": "1"})] * (TRANSIENT_RETRIES + 1))
    assert _send(pacer, persisting).status == 503
    assert len(sent) == TRANSIENT_RETRIES + 1


def test_a_503_without_retry_after_and_a_500_are_judged_at_once() -> None:
    pacer = _pacer(Clock())
    for status in (503, 500):
        attempt, sent = _script(Answer(status))
        assert _send(pacer, attempt).status == status
        assert len(sent) == 1


def test_a_reset_connection_is_retried_for_an_idempotent_request_only() -> None:
    pacer = _pacer(Clock())
    attempt, sent = _script(ConnectionResetError(), Answer(200))
    assert _send(pacer, attempt, "PUT").status == 200
    assert len(sent) == 2

    # A POST may have been carried out before the connection broke: sending it again could
    # create a second resource nobody would remove.
    attempt, sent = _script(ConnectionResetError(), Answer(201))
    with pytest.raises(ConnectionResetError):
        _send(pacer, attempt, "POST")
    assert len(sent) == 1


def test_the_run_slows_down_before_the_budget_runs_out() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    reset = int(time.time()) + 30
    low = {"X-RateLimit-Remaining": "1", "X-RateLimit-Reset": str(reset)}
    attempt, _ = _script(Answer(200, low), Answer(200))

    _send(pacer, attempt)
    assert clock.slept == []
    _send(pacer, attempt)  # waits for the window instead of spending the last request
    assert len(clock.slept) == 1 and 25 < clock.slept[0] <= 31
    assert pacer.health.paced == 1


def test_rate_caps_the_pace() -> None:
    clock = Clock()
    pacer = _pacer(clock, rate=(2, 1.0))
    attempt, _ = _script(*[Answer(200)] * 4)
    for _ in range(4):
        _send(pacer, attempt)
    assert clock.now == pytest.approx(1001.5)


def test_the_request_budget_stops_all_but_essential_requests() -> None:
    stopped: list[bool] = []
    pacer = _pacer(Clock(), max_requests=2)
    pacer.on_spent = lambda: stopped.append(True)
    attempt, _ = _script(*[Answer(200)] * 3)
    _send(pacer, attempt)
    _send(pacer, attempt)
    assert stopped == [True] and pacer.spent
    with pytest.raises(BudgetSpent):
        _send(pacer, attempt)
    # The clean-up still goes out.
    assert pacer.send("token", "DELETE", attempt, Answer.read, essential=True).status == 200


def test_health_reports_latency_percentiles() -> None:
    clock = Clock()
    pacer = _pacer(clock)

    def slow() -> Answer:
        clock.now += 0.05
        return Answer(200)

    for _ in range(10):
        _send(pacer, slow)
    line = pacer.health.line()
    assert "10 requests" in line and "p50 50 ms" in line and "p99 50 ms" in line


@pytest.mark.parametrize("text", ["100", "a/b", "0/60", "5/0", "-1/3"])
def test_bad_rates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rate(text)


def test_a_rate_is_count_per_seconds() -> None:
    assert parse_rate("100/60") == (100, 60.0)
