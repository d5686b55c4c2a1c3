"""The mock's timestamps: RFC 3339 UTC, second precision, the current second when not given."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from miso_mock import clock


def test_now_is_the_current_second_even_when_remembered() -> None:
    for _ in range(3):
        before = time.time()
        stamped = clock.iso()
        after = time.time()
        assert stamped in {clock.iso(before), clock.iso(after)}
        time.sleep(0.4)


def test_a_given_moment_is_formatted_as_the_reference_shows() -> None:
    assert clock.iso(1705314600) == "2024-01-15T10:30:00Z"
    assert clock.iso(datetime(2024, 1, 15, 10, 30, 0, 999, tzinfo=UTC)) == "2024-01-15T10:30:00Z"
    assert clock.parse(clock.iso(1705314600)) == 1705314600
