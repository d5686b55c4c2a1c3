"""Retries, timeouts, per-call options and the debug log, at the transport.

Every request passes through here, token fetches included, so each behaviour lives in one place.
What is retried and how long to wait is `clients/sdk-behaviour.json` (see `_behaviour`): 408 and
429 for every method (the server did not act on the request), 5xx and failures after sending for
idempotent methods only, and a connection that was never made for every method. The server's
`Retry-After` wins over the jittered backoff when it is within bounds.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from . import _behaviour as behaviour
from . import _options

logger = logging.getLogger("miso_client")

# Marks a request that may be repeated whatever its method (issuing a token creates nothing).
IDEMPOTENT = "miso_idempotent"


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


def _idempotent(request: httpx.Request) -> bool:
    return (
        bool(request.extensions.get(IDEMPOTENT)) or request.method in behaviour.IDEMPOTENT_METHODS
    )


@dataclass(frozen=True)
class RetryPolicy:
    """How often to repeat a request, and how long to wait before each repeat."""

    max_retries: int = behaviour.MAX_RETRIES
    initial_delay: float = behaviour.INITIAL_RETRY_DELAY
    max_delay: float = behaviour.MAX_RETRY_DELAY
    jitter: float = behaviour.RETRY_JITTER

    def backoff(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds before retry `attempt` (0-based): `Retry-After` when sane, else backoff."""
        wait = parse_retry_after(retry_after)
        if wait is not None and wait <= behaviour.RETRY_AFTER_MAX:
            return float(wait)
        ceiling = min(self.max_delay, self.initial_delay * 2**attempt)
        return float(ceiling * (1 - self.jitter * random.random()))

    @staticmethod
    def retries_status(request: httpx.Request, status: int) -> bool:
        if status in behaviour.RETRY_STATUSES:
            return True
        server_error = behaviour.RETRY_SERVER_ERRORS and 500 <= status <= 599
        return server_error and _idempotent(request)

    @staticmethod
    def retries_failure(request: httpx.Request, failure: httpx.TransportError) -> bool:
        # ConnectError/ConnectTimeout: nothing reached the server, so even a POST is safe
        never_sent = isinstance(failure, httpx.ConnectError | httpx.ConnectTimeout)
        return never_sent or _idempotent(request)


def _prepare(request: httpx.Request, options: _options.RequestOptions | None) -> None:
    """Apply the call's headers and timeout to the request."""
    if options is None:
        return
    request.headers.update(options.headers)
    if options.timeout is not None:
        request.extensions["timeout"] = httpx.Timeout(options.timeout).as_dict()


def _log_request(request: httpx.Request, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        again = f" (retry {attempt})" if attempt else ""
        logger.debug(
            "request %s %s%s %s", request.method, request.url, again, _redacted(request.headers)
        )


def _log_response(request: httpx.Request, response: httpx.Response) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "response %s %s %s %s",
            response.status_code,
            request.method,
            request.url,
            _redacted(response.headers),
        )


def _redacted(headers: httpx.Headers) -> dict[str, str]:
    return {
        name: "[redacted]" if name.lower() in behaviour.REDACTED_HEADERS else value
        for name, value in headers.items()
    }


class _Attempts:
    """The retry loop's decisions, shared by the sync and async transports."""

    def __init__(self, policy: RetryPolicy, request: httpx.Request, user_agent: str) -> None:
        # requests an auth flow builds (the token's) carry no client defaults: name the SDK here
        request.headers.setdefault("User-Agent", user_agent)
        options = _options.current()
        _prepare(request, options)
        self.request = request
        self.policy = policy
        limit = options.max_retries if options and options.max_retries is not None else None
        self.max_retries = policy.max_retries if limit is None else limit
        self.attempt = 0

    def after_response(self, response: httpx.Response) -> float | None:
        """The wait before repeating, or None to return `response`."""
        _log_response(self.request, response)
        if self.attempt < self.max_retries and self.policy.retries_status(
            self.request, response.status_code
        ):
            self.attempt += 1
            return self.policy.backoff(self.attempt - 1, response.headers.get("Retry-After"))
        _options.record(response)
        return None

    def after_failure(self, failure: httpx.TransportError) -> float | None:
        """The wait before repeating, or None to raise `failure`."""
        logger.debug("failed %s %s: %r", self.request.method, self.request.url, failure)
        if self.attempt < self.max_retries and self.policy.retries_failure(self.request, failure):
            self.attempt += 1
            return self.policy.backoff(self.attempt - 1)
        return None


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport: per-call options, retries and the debug log."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        policy: RetryPolicy,
        user_agent: str,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.wrapped = wrapped
        self.policy = policy
        self.user_agent = user_agent
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(self.policy, request, self.user_agent)
        while True:
            _log_request(request, attempts.attempt)
            try:
                response = self.wrapped.handle_request(request)
            except httpx.TransportError as failure:
                delay = attempts.after_failure(failure)
                if delay is None:
                    raise
                self.sleep(delay)
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return response
            response.close()
            self.sleep(delay)

    def close(self) -> None:
        self.wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The async twin of `RetryTransport`."""

    def __init__(
        self, wrapped: httpx.AsyncBaseTransport, policy: RetryPolicy, user_agent: str
    ) -> None:
        self.wrapped = wrapped
        self.policy = policy
        self.user_agent = user_agent

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(self.policy, request, self.user_agent)
        while True:
            _log_request(request, attempts.attempt)
            try:
                response = await self.wrapped.handle_async_request(request)
            except httpx.TransportError as failure:
                delay = attempts.after_failure(failure)
                if delay is None:
                    raise
                await asyncio.sleep(delay)
                continue
            delay = attempts.after_response(response)
            if delay is None:
                return response
            await response.aclose()
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        await self.wrapped.aclose()
