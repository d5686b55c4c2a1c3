"""Per-call options and raw-response capture, carried to the transport in context variables.

`client.applications.with_options(timeout=5).list()` runs `list` with these options in force;
the transport (which every request of the call goes through, token fetches included) reads them.
Context variables keep concurrent calls (threads, asyncio tasks) apart.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

from ._behaviour import REQUEST_ID_HEADER

T = TypeVar("T")


@dataclass(frozen=True)
class RequestOptions:
    """Overrides for the calls made under them; None keeps the client's setting."""

    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: float | None = None
    max_retries: int | None = None

    def merged(self, other: RequestOptions) -> RequestOptions:
        """These options with `other`'s set values (and headers) on top."""
        return RequestOptions(
            headers={**self.headers, **other.headers},
            timeout=other.timeout if other.timeout is not None else self.timeout,
            max_retries=other.max_retries if other.max_retries is not None else self.max_retries,
        )


@dataclass
class RawSlot:
    """Where the transport leaves the last answer of a captured call."""

    response: httpx.Response | None = None


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """A call's parsed result with the HTTP answer it came from."""

    http_response: httpx.Response
    data: T

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's `X-Request-ID`, to quote when asking about this call."""
        value = self.http_response.headers.get(REQUEST_ID_HEADER)
        return value if isinstance(value, str) else None


_OPTIONS: ContextVar[RequestOptions | None] = ContextVar("miso_request_options", default=None)
_RAW: ContextVar[RawSlot | None] = ContextVar("miso_raw_response", default=None)


def current() -> RequestOptions | None:
    """The options of the call running in this context, if any."""
    return _OPTIONS.get()


@contextlib.contextmanager
def using(options: RequestOptions) -> Iterator[None]:
    """Run the enclosed calls with `options` on top of any already in force."""
    outer = _OPTIONS.get()
    token = _OPTIONS.set(outer.merged(options) if outer is not None else options)
    try:
        yield
    finally:
        _OPTIONS.reset(token)


@contextlib.contextmanager
def capture() -> Iterator[RawSlot]:
    """Collect the last answer the enclosed call received."""
    slot = RawSlot()
    token = _RAW.set(slot)
    try:
        yield slot
    finally:
        _RAW.reset(token)


def record(response: httpx.Response) -> None:
    """Called by the transport with each final answer."""
    slot = _RAW.get()
    if slot is not None:
        slot.response = response
