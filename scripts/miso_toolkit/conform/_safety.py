"""What a run may send: against anything but this machine, only safe methods unless told otherwise.

A conformance run fuzzes every operation it may reach. Against a live instance a fuzzed POST,
PUT or DELETE creates, changes or removes real records, so writes need an explicit
`--allow-writes` there. The decision is made once, from the base URL, before any request.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from miso_contract import is_safe


class UnsafeRequestRefused(RuntimeError):
    """A request with an unsafe method was about to leave in read-only mode."""


def is_loopback(base_url: str) -> bool:
    """Whether the URL names this machine literally (`localhost`, 127.0.0.0/8 or ::1).

    Names are not resolved: a DNS answer can change between this check and the run, and a
    name that happens to resolve to 127.0.0.1 today is still someone's server tomorrow.
    """
    host = (urlsplit(base_url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def writes_allowed(base_url: str, allow_writes: bool | None) -> bool:
    """The explicit choice if there is one, else writes only against this machine."""
    return is_loopback(base_url) if allow_writes is None else allow_writes


def only_safe_operations(ctx: Any) -> bool:
    """Schemathesis filter: true for operations whose method is unsafe (so they are excluded)."""
    return not is_safe(ctx.operation.method)


def unexpected_methods_for_read_only(configured: set[str]) -> set[str]:
    """The coverage phase's undeclared-method probes (`405` expected), safe ones only."""
    return {method for method in configured if is_safe(method)}


def refuse_unsafe(schema: object) -> Callable[[Any, Any, Any], None]:
    """A `before_call` hook that stops any unsafe request a read-only run of `schema` would send.

    The operation filter already keeps unsafe operations out; this is the second line, so a
    Schemathesis feature that sends requests of its own cannot write by surprise.
    """

    def before_call(context: Any, case: Any, kwargs: Any) -> None:
        if case.operation.schema is schema and not is_safe(case.method):
            raise UnsafeRequestRefused(
                f"read-only run refused to send {case.method.upper()} {case.formatted_path}"
            )

    return before_call
