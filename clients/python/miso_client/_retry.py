"""Retrying 429 and 503 at the transport, so every request (token fetches too) gets it once.

Off by default: a retry changes timing, so callers opt in with `max_retries`. The server's
`Retry-After` wins over the backoff, capped by `max_delay` so one answer cannot stall a caller.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

RETRYABLE_STATUSES = frozenset({429, 503})


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value (delta-seconds or HTTP-date); None if absent."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now() if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait before repeating a 429/503 answer."""

    max_retries: int = 0
    backoff: float = 0.5
    max_delay: float = 60.0
    statuses: frozenset[int] = field(default=RETRYABLE_STATUSES)

    def delay(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to sleep before attempt `attempt + 1`, or None when not to retry."""
        if response.status_code not in self.statuses or attempt >= self.max_retries:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        wait = retry_after if retry_after is not None else self.backoff * (2**attempt)
        return min(wait, self.max_delay)


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport and repeats retryable answers according to a `RetryPolicy`."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.wrapped = wrapped
        self.policy = policy
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            response = self.wrapped.handle_request(request)
            delay = self.policy.delay(response, attempt)
            if delay is None:
                return response
            response.close()
            self.sleep(delay)
            attempt += 1

    def close(self) -> None:
        self.wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The async twin of `RetryTransport`."""

    def __init__(self, wrapped: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.wrapped = wrapped
        self.policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            response = await self.wrapped.handle_async_request(request)
            delay = self.policy.delay(response, attempt)
            if delay is None:
                return response
            await response.aclose()
            await asyncio.sleep(delay)
            attempt += 1

    async def aclose(self) -> None:
        await self.wrapped.aclose()
