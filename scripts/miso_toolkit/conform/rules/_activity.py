"""What the run has sent so far, in one order across worker threads.

Two rules need it. Reading back a write is only conclusive if no other write that may have
taken effect touched the same resource meanwhile (Schemathesis runs several workers, and the
stateful phase writes constantly); and "Remaining falls" compares a response with those
received before its request was sent. Requests are seen through Schemathesis's `before_call`
and `after_call` hooks, plus the few writes the rules send themselves.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

from miso_contract import is_safe

KEEP_REQUESTS = 8192
KEEP_WRITES = 4096
# A write that never reported back (a network error skips `after_call`) stops counting as in
# flight after this long; the request timeout is far shorter.
STALE_SECONDS = 120.0


@dataclass
class _Write:
    key: str
    method: str
    segments: tuple[str, ...]
    started: int
    started_at: float
    ended: int | None = None
    status: int | None = None

    def may_have_effect(self, now: float) -> bool:
        if self.status is not None:
            return 200 <= self.status < 300
        return self.ended is None and now - self.started_at < STALE_SECONDS


def segments(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("?", 1)[0].split("/") if part)


def touches(method: str, written: tuple[str, ...], read: tuple[str, ...]) -> bool:
    """Whether a write to `written` may change what a GET of `read` returns.

    A write changes its own resource and what embeds it (its ancestors); a PUT or DELETE also
    changes what lies below it, a POST to a collection does not touch existing members. A
    DELETE may cascade anywhere (an application takes its deployments with it).
    """
    if method == "DELETE" or written == read or written[: len(read)] == read:
        return True
    return method != "POST" and read[: len(written)] == written


class Activity:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clock = 0
        self._sent: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._writes: deque[_Write] = deque()
        self._open: dict[str, _Write] = {}
        self._forgotten = 0  # the latest point at which a forgotten write was still running

    def started(self, key: str, method: str, path: str) -> None:
        with self._lock:
            self._clock += 1
            self._sent[key] = (self._clock, time.monotonic())
            self._sent.move_to_end(key)
            while len(self._sent) > KEEP_REQUESTS:
                self._sent.popitem(last=False)
            if not is_safe(method):
                write = _Write(key, method.upper(), segments(path), self._clock, time.monotonic())
                self._writes.append(write)
                self._open[key] = write
                if len(self._writes) > KEEP_WRITES:
                    oldest = self._writes.popleft()
                    self._open.pop(oldest.key, None)
                    self._forgotten = max(self._forgotten, oldest.ended or self._clock)

    def finished(self, key: str, status: int | None) -> None:
        with self._lock:
            self._clock += 1
            write = self._open.pop(key, None)
            if write is not None:
                write.ended, write.status = self._clock, status

    def sent_at(self, key: str) -> float | None:
        """When the request `key` was last sent (monotonic seconds), if it was seen."""
        with self._lock:
            sent = self._sent.get(key)
            return sent[1] if sent else None

    def undisturbed(self, key: str, read_path: str) -> bool:
        """No other write that may have taken effect touched `read_path` between the start of
        request `key` and now."""
        read = segments(read_path)
        now = time.monotonic()
        with self._lock:
            sent = self._sent.get(key)
            if sent is None or self._forgotten > sent[0]:
                return False  # a write that overlapped may be forgotten: cannot tell
            for write in self._writes:
                overlaps = write.ended is None or write.ended > sent[0]
                if (
                    write.key != key
                    and overlaps
                    and write.may_have_effect(now)
                    and touches(write.method, write.segments, read)
                ):
                    return False
        return True
