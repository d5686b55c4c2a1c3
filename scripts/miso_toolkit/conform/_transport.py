"""Schemathesis' requests go through the run's pacer too.

Schemathesis sends every request through a `requests` session: one per worker thread for the
cases, a fresh one for each probe a check sends (`ignored_auth` without credentials), an
in-process client for an ASGI app. Its own `rate-limit = "auto"` only waits out a 429 of the
requests it sends itself, and still hands the 429 to every check. So for the length of a run
each of those sessions answers `get_adapter` with its adapter wrapped in `PacedAdapter`, which
sends through the same `Pacer` as the Miso checks and the clean-up: one budget, one place
where passing faults are retried. The send time of the attempt that was answered is kept per
request, so a check that judges time (`X-RateLimit-Reset`) compares with the right one.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.exceptions import ChunkedEncodingError

from ._pacer import Pacer

# Session classes Schemathesis sends with (HTTP, and an ASGI app in this process).
_SESSION_CLASSES = (
    "schemathesis.transport.requests:SameHostRedirectsSession",
    "schemathesis.python.asgi:ASGIClient",
)
_SENT: weakref.WeakKeyDictionary[Any, tuple[float, float]] = weakref.WeakKeyDictionary()
_SENT_LOCK = threading.Lock()


def sent_at(request: Any) -> tuple[float, float] | None:
    """(monotonic, wall) time at which the answered attempt of `request` was sent."""
    with _SENT_LOCK:
        try:
            return _SENT.get(request)
        except TypeError:
            return None


def note_sent(request: Any) -> None:
    with _SENT_LOCK, suppress(TypeError):
        _SENT[request] = (time.monotonic(), time.time())


def requests_fault(exc: BaseException) -> str | None:
    """A passing transport fault of `requests`, by kind, or None for any other error."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "connect"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timeout"
    if isinstance(exc, requests.exceptions.ConnectionError | ChunkedEncodingError):
        text = repr(exc)
        if "NewConnectionError" in text or "Connection refused" in text:
            return "connect"
        return "timeout" if "timed out" in text.lower() else "reset"
    return None


def _drain(response: requests.Response) -> None:
    with suppress(requests.RequestException):
        response.content  # noqa: B018 - read, so the connection goes back to the pool
    response.close()


class PacedAdapter(BaseAdapter):
    """A transport adapter that sends through the pacer (retries included)."""

    def __init__(self, inner: BaseAdapter, pacer: Pacer) -> None:
        super().__init__()
        self.inner = inner
        self.pacer = pacer

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        key = str(request.headers.get("Authorization", ""))

        def attempt() -> requests.Response:
            note_sent(request)
            response = self.inner.send(request, **kwargs)
            if "text/event-stream" not in response.headers.get("Content-Type", ""):
                # Read the body here, so a connection that breaks or stalls while it arrives
                # is a passing fault like one that breaks before (an event stream is read as
                # it comes, by Schemathesis, until it ends or times out).
                response.content  # noqa: B018
            return response

        return self.pacer.send(
            key,
            str(request.method or "GET"),
            attempt,
            lambda response: (response.status_code, response.headers.get),
            discard=_drain,
            fault=requests_fault,
            # Schemathesis' own requests are not cut off mid-flight; the run stops its engine
            # when the budget is spent.
            essential=True,
        )

    def close(self) -> None:
        self.inner.close()


def _session_classes() -> list[type]:
    import importlib

    found = []
    for spec in _SESSION_CLASSES:
        module, _, name = spec.partition(":")
        found.append(getattr(importlib.import_module(module), name))
    return found


@contextmanager
def paced_sessions(pacer: Pacer) -> Iterator[None]:
    """For the block, every Schemathesis session sends through `pacer`."""
    wrapped: weakref.WeakKeyDictionary[BaseAdapter, PacedAdapter] = weakref.WeakKeyDictionary()
    lock = threading.Lock()
    originals = {cls: cls.__dict__.get("get_adapter") for cls in _session_classes()}

    def patch(cls: Any) -> None:
        base = cls.get_adapter

        def get_adapter(self: requests.Session, url: str) -> BaseAdapter:
            adapter = base(self, url)
            if isinstance(adapter, PacedAdapter):
                return adapter
            with lock:
                paced = wrapped.get(adapter)
                if paced is None:
                    paced = wrapped[adapter] = PacedAdapter(adapter, pacer)
            return paced

        cls.get_adapter = get_adapter

    for cls in originals:
        patch(cls)
    try:
        yield
    finally:
        for cls, original in originals.items():
            if original is None:
                delattr(cls, "get_adapter")
            else:
                setattr(cls, "get_adapter", original)  # noqa: B010 (a class attribute put back)
