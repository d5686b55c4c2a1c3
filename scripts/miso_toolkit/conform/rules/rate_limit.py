"""Rate-limit headers: `Remaining` never exceeds `Limit` and falls within a window, `Reset`
lies ahead.

"Falls" is judged across worker threads by real order, not by the order checks run in: a
response must show less `Remaining` than every response of the same window (same token,
`Limit`, `Window` and `Reset`) that had arrived before its request was sent. Send times come
from Schemathesis's `before_call` hook; receipt is taken when the check runs, which is later,
so a pair is only compared when the order is certain. Other requests of the same client only
make `Remaining` fall further, so they cannot cause a false alarm.
"""

from __future__ import annotations

import hashlib
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from miso_contract import RATE_LIMIT_HEADERS

from .._transport import sent_at
from ._check import Verdict, miso_check, violation
from ._context import RuleContext
from ._registry import Rule, Violation
from ._values import as_int, header

RULE = Rule(
    "miso_rate_limit_headers",
    "`X-RateLimit-Remaining` is at most `X-RateLimit-Limit` and falls with each request "
    "within a window; `X-RateLimit-Reset` lies ahead, at most one `X-RateLimit-Window` away",
)
# Seconds of disagreement allowed between this machine's clock and the instance's: whole
# seconds only when they share a clock (in process, loopback), a generous margin otherwise.
SAME_CLOCK_SKEW = 1.0
CLOCK_SKEW = 300.0
KEEP_PER_WINDOW = 64


@dataclass(frozen=True)
class _Seen:
    sent: float
    received: float
    remaining: int


@miso_check(RULE)
def miso_rate_limit_headers(run: RuleContext, response: Any, case: Any) -> Verdict:
    values = [as_int(header(response, name)) for name in RATE_LIMIT_HEADERS]
    if any(value is None for value in values):
        return None
    limit, remaining, reset, window = (int(v) for v in values if v is not None)
    received, wall = time.monotonic(), time.time()
    # When the attempt that was answered left (a 429 or a passing fault is sent again).
    attempt = sent_at(response.request)
    sent = attempt[0] if attempt else run.activity.sent_at(case.id)
    if attempt is not None:
        sent_wall = attempt[1]
    else:
        sent_wall = wall - (received - sent) if sent is not None else wall - response.elapsed
    skew = SAME_CLOCK_SKEW if run.same_clock else CLOCK_SKEW
    found: list[Violation] = []

    def breach(kind: str, title: str, message: str) -> None:
        found.append(violation(case, RULE, kind, title, message))

    if remaining > limit:
        breach(
            "above limit",
            "`X-RateLimit-Remaining` exceeds `X-RateLimit-Limit`",
            f"Remaining {remaining}, Limit {limit}",
        )
    if reset <= sent_wall - skew:
        breach(
            "reset past",
            "`X-RateLimit-Reset` is not in the future",
            f"Reset {reset} ({_iso(reset)}) is {sent_wall - reset:.0f} s before the request "
            f"was sent ({_iso(sent_wall)})",
        )
    elif reset > wall + window + skew:
        breach(
            "reset far",
            "`X-RateLimit-Reset` is more than one window ahead",
            f"Reset {reset} ({_iso(reset)}) is {reset - wall:.0f} s ahead; the window is "
            f"{window} s",
        )
    if sent is not None:
        found += _falls(
            run, case, response, (limit, window, reset), _Seen(sent, received, remaining)
        )
    return found


def _falls(
    run: RuleContext, case: Any, response: Any, window: tuple[int, int, int], new: _Seen
) -> list[Violation]:
    authorization = response.request.headers.get("Authorization", "")
    client = hashlib.sha256(authorization.encode()).hexdigest()
    key = ("rate-limit", client, *window)
    with run.lock:
        seen: deque[_Seen] = run.memo.setdefault(key, deque(maxlen=KEEP_PER_WINDOW))
        earlier = [old for old in seen if old.received < new.sent]
        later = [old for old in seen if new.received < old.sent]
        seen.append(new)
    broken = [old for old in earlier if new.remaining > max(old.remaining - 1, 0)]
    broken += [old for old in later if old.remaining > max(new.remaining - 1, 0)]
    if not broken:
        return []
    before = max(earlier, key=lambda s: s.received) if earlier else None
    if before is not None and new.remaining > max(before.remaining - 1, 0):
        detail = (
            f"a response said Remaining {before.remaining}; the next request, sent after "
            f"it arrived, got Remaining {new.remaining}"
        )
    else:
        after = broken[0]
        detail = (
            f"a response said Remaining {new.remaining}; a request sent after it arrived "
            f"got Remaining {after.remaining}"
        )
    return [
        violation(
            case,
            RULE,
            "not falling",
            "`X-RateLimit-Remaining` does not fall within a window",
            f"{detail} (same client, Limit {window[0]}, Window {window[1]} s, Reset {window[2]})",
        )
    ]


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
