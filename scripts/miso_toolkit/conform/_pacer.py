"""One pace for every request a run sends, and patience with an instance's passing faults.

Schemathesis' cases, the Miso checks' own requests (page walks, read-backs, replays), the
write guard's look-ups and the clean-up all go through one `Pacer`. It reads the instance's
`X-RateLimit-*` headers and waits for the window to reset before the budget runs out; on a
429 it waits `Retry-After` and sends again, so a rate limit is a slowdown, never a finding.
A 503 that says when to come back (`Retry-After`), a reset connection or a timeout is sent
again a few times with backoff before anything is judged: only a fault that persists reaches
the checks. `--rate N/SECONDS` caps the pace below the instance's own limit, and a request
budget stops the run when it is spent.

The budget an instance counts is its own business (the reference counts per client); the pacer
keeps one estimate per credential (`key`), lowered by every request it lets through and
corrected by every answer's headers.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

from miso_contract import RATE_LIMIT_REMAINING as REMAINING
from miso_contract import RATE_LIMIT_RESET as RESET
from miso_contract import RATE_LIMIT_WINDOW as WINDOW
from miso_contract import is_safe

T = TypeVar("T")
# A header reader: the value of a response header by name (case-insensitive), or None.
Headers = Callable[[str], str | None]

# How often one request is sent again after a passing fault (503 with Retry-After, a reset
# connection, a timeout), and the longest wait between two tries.
TRANSIENT_RETRIES = 4
BACKOFF_SECONDS = 0.25
MAX_BACKOFF_SECONDS = 8.0
# How often one request waits out a 429 before the 429 is handed on, and the longest wait.
RATE_LIMIT_RETRIES = 6
MAX_WAIT_SECONDS = 120.0
# Requests kept back from the instance's budget: other clients of a shared instance, and
# requests the instance counted before their answers reached us.
BUDGET_MARGIN = 1
# Latency samples kept for the health line (the most recent ones).
KEEP_LATENCIES = 20_000


class BudgetSpent(Exception):
    """The run's request budget (`--max-requests`) or time budget is used up."""


@dataclass
class _Budget:
    """What one credential may still send in the instance's current window."""

    remaining: int
    reset_at: float  # monotonic seconds when the window resets


@dataclass
class Health:
    """What the instance was like: answers, passing faults retried, waits, latencies."""

    requests: int = 0
    transient: dict[str, int] = field(default_factory=dict)
    rate_limited: int = 0
    paced: int = 0  # waits before the budget ran out
    waited: float = 0.0  # wall-clock seconds in which at least one request was held back
    latencies: list[float] = field(default_factory=list)

    @property
    def transient_total(self) -> int:
        return sum(self.transient.values())

    def percentile(self, share: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]

    def line(self) -> str:
        p50, p99 = self.percentile(0.5), self.percentile(0.99)
        faults = ", ".join(f"{n} {kind}" for kind, n in sorted(self.transient.items()))
        latency = (
            f"latency p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
            if p50 is not None and p99 is not None
            else "no latency measured"
        )
        return (
            f"Instance health: {self.requests} requests; {self.transient_total} transient "
            f"faults retried{f' ({faults})' if faults else ''}; {self.rate_limited} answers 429 "
            f"waited out, {self.paced} pauses before the rate limit, {self.waited:.1f} s waited; "
            f"{latency}"
        )


def parse_rate(text: str) -> tuple[int, float]:
    """`N/SECONDS` (`100/60`) as (N, SECONDS)."""
    count, _, seconds = text.partition("/")
    try:
        n, s = int(count), float(seconds)
    except ValueError:
        raise ValueError(f"a rate is N/SECONDS, like 100/60, not {text!r}") from None
    if n < 1 or s <= 0:
        raise ValueError(f"a rate needs N >= 1 and SECONDS > 0, not {text!r}")
    return n, s


class Pacer:
    def __init__(
        self,
        *,
        rate: tuple[int, float] | None = None,
        max_requests: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._interval = rate[1] / rate[0] if rate else 0.0
        self.max_requests = max_requests
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._budgets: dict[str, _Budget] = {}
        self._next_slot = 0.0
        self._sent = 0
        self._stopped = False
        self._waiting = 0
        self._wait_started = 0.0
        self.health = Health()
        # Told once when the request budget is spent (the run then stops its engine).
        self.on_spent: Callable[[], None] | None = None

    @property
    def spent(self) -> bool:
        return self.max_requests is not None and self._sent >= self.max_requests

    def stop(self) -> None:
        """Refuse every further request that may be refused (the run is ending)."""
        self._stopped = True

    def send(
        self,
        key: str,
        method: str,
        attempt: Callable[[], T],
        read: Callable[[T], tuple[int, Headers]],
        *,
        discard: Callable[[T], None] = lambda _: None,
        fault: Callable[[BaseException], str | None] = lambda _: None,
        essential: bool = False,
    ) -> T:
        """Send with `attempt` until the answer is not a passing fault; return the last answer.

        `fault` names a passing transport fault (`"reset"`, `"timeout"`, `"connect"`) or says
        None for errors to raise at once. A request that may have reached the instance is only
        sent again when repeating it is harmless (not a POST). `essential` requests (the
        clean-up) are sent whatever the budget.
        """
        faults = waits = 0
        while True:
            self._take_slot(key, essential)
            started = self._clock()
            try:
                result = attempt()
            except Exception as exc:
                kind = fault(exc)
                repeatable = kind == "connect" or (kind is not None and _idempotent(method))
                if not repeatable or faults >= TRANSIENT_RETRIES:
                    raise
                faults += 1
                self._note_transient(kind or "error")
                self._pause(_backoff(faults))
                continue
            status, headers = read(result)
            self._observe(key, headers, self._clock() - started)
            if status == 429 and waits < RATE_LIMIT_RETRIES:
                waits += 1
                wait = self._limited_wait(key, headers)
                with self._lock:
                    self.health.rate_limited += 1
                discard(result)
                self._pause(wait)
                continue
            retry_after = _seconds(headers("Retry-After"))
            if status == 503 and retry_after is not None and faults < TRANSIENT_RETRIES:
                faults += 1
                self._note_transient("503")
                discard(result)
                self._pause(min(max(retry_after, _backoff(faults)), MAX_BACKOFF_SECONDS))
                continue
            return result

    # -- pacing ------------------------------------------------------------------------------

    def _take_slot(self, key: str, essential: bool) -> None:
        """Wait until this request may leave: within `--rate`, and within the instance's budget."""
        while True:
            with self._lock:
                if not essential and (self._stopped or self.spent):
                    raise BudgetSpent("the run's request budget is spent")
                now = self._clock()
                wait = max(0.0, self._next_slot - now)
                budget = self._budgets.get(key)
                if budget is not None and now >= budget.reset_at:
                    del self._budgets[key]  # a new window: the next answer says what is left
                    budget = None
                if budget is not None and budget.remaining <= BUDGET_MARGIN:
                    wait = max(wait, budget.reset_at - now)
                if wait <= 0:
                    self._next_slot = max(self._next_slot, now) + self._interval
                    if budget is not None:
                        budget.remaining -= 1
                    self._sent += 1
                    self.health.requests += 1
                    spent_now = self.spent and self.on_spent is not None
                    break
                if budget is not None and budget.remaining <= BUDGET_MARGIN:
                    self.health.paced += 1
            self._pause(min(wait, MAX_WAIT_SECONDS))
        if spent_now and self.on_spent is not None:
            self.on_spent()

    def _observe(self, key: str, headers: Headers, elapsed: float) -> None:
        remaining, reset, window = (
            _integer(headers(REMAINING)),
            _integer(headers(RESET)),
            _integer(headers(WINDOW)),
        )
        with self._lock:
            self.health.latencies.append(elapsed)
            if len(self.health.latencies) > KEEP_LATENCIES:
                del self.health.latencies[: KEEP_LATENCIES // 10]
            if remaining is None or reset is None:
                return
            reset_at = self._clock() + _until(reset, headers("Date"), window)
            known = self._budgets.get(key)
            if known is None or reset_at > known.reset_at + 0.5:
                self._budgets[key] = _Budget(remaining, reset_at)
            else:
                # Answers arrive out of order: the lowest count of a window is the true one.
                known.remaining = min(known.remaining, remaining)

    def _limited_wait(self, key: str, headers: Headers) -> float:
        """How long a 429 asks us to wait: `Retry-After`, else until the window resets."""
        wait = _seconds(headers("Retry-After"))
        if wait is None:
            reset, window = _integer(headers(RESET)), _integer(headers(WINDOW))
            wait = _until(reset, headers("Date"), window) if reset is not None else 1.0
        with self._lock:
            budget = self._budgets.get(key)
            reset_at = self._clock() + wait
            self._budgets[key] = _Budget(0, max(reset_at, budget.reset_at if budget else 0))
        return min(max(wait, 0.05), MAX_WAIT_SECONDS)

    def _note_transient(self, kind: str) -> None:
        with self._lock:
            self.health.transient[kind] = self.health.transient.get(kind, 0) + 1

    def _pause(self, seconds: float) -> None:
        if seconds <= 0:
            return
        with self._lock:
            if self._waiting == 0:
                self._wait_started = self._clock()
            self._waiting += 1
        try:
            self._sleep(seconds)
        finally:
            with self._lock:
                self._waiting -= 1
                if self._waiting == 0:
                    self.health.waited += self._clock() - self._wait_started


def _idempotent(method: str) -> bool:
    return is_safe(method) or method.upper() in ("PUT", "DELETE")


def _backoff(attempt: int) -> float:
    return float(min(BACKOFF_SECONDS * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS))


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _seconds(value: str | None) -> float | None:
    """`Retry-After` as seconds from now: a number, or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _until(reset: int, date: str | None, window: int | None) -> float:
    """Seconds until an epoch `reset` (a little after), on the instance's clock when its
    `Date` shows another one, and never more than one window."""
    now = time.time()
    with contextlib.suppress(TypeError, ValueError):
        told = parsedate_to_datetime(date).timestamp() if date else now
        # `Date` has whole seconds: it only wins when the clocks clearly disagree.
        if abs(told - now) > 2:
            now = told
    seconds = reset - now + 0.25
    limit = float(window) if window else MAX_WAIT_SECONDS
    return min(max(seconds, 0.05), limit)
