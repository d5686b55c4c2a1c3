"""The requests `miso conform` sends itself (tokens, the Miso checks' follow-ups, the write
guard's look-ups, clean-up), over HTTP or straight into an in-process ASGI app, behind one small
interface. Over HTTP they go through the run's pacer; into an app, through the paced sessions
(`_transport.py`) while a run lasts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from ._pacer import Pacer

TIMEOUT_SECONDS = 30.0


class Unreachable(Exception):
    """The instance could not be reached at all (no HTTP answer)."""


# Answers that say something about the instance's load, not about the request: a step or
# follow-up that gets one of these (after the pacer's waits and retries) cannot be judged.
UNANSWERED = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        return json.loads(self.body)


class Client(Protocol):
    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply: ...

    def close(self) -> None: ...


class HttpClient:
    """Requests to a live instance; `path` is joined to the base URL (which may carry a prefix)."""

    def __init__(self, base_url: str, *, verify: bool = True, pacer: Pacer | None = None) -> None:
        self._base = base_url.rstrip("/")
        self._client = httpx.Client(timeout=TIMEOUT_SECONDS, verify=verify)
        self.pacer = pacer or Pacer()

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        url = f"{self._base}{path}"
        key = (headers or {}).get("Authorization", "")
        try:
            response = self.pacer.send(
                key,
                method,
                lambda: self._client.request(method, url, json=json_body, headers=headers),
                lambda r: (r.status_code, r.headers.get),
                fault=_httpx_fault,
                essential=True,
            )
        except httpx.TransportError as exc:
            raise Unreachable(f"{method} {url}: {exc.__class__.__name__}") from exc
        return Reply(response.status_code, response.content, dict(response.headers))

    def close(self) -> None:
        self._client.close()


class AsgiClient:
    """Requests into an ASGI app in this process, through the same client Schemathesis uses."""

    def __init__(self, app: Any, base_url: str) -> None:
        from schemathesis.python import asgi

        self._base = base_url.rstrip("/")
        # Entering starts the app's lifespan once per process, as `from_asgi` does.
        self._session = asgi.get_client(app).__enter__()

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        response = self._session.request(
            method, f"{self._base}{path}", json=json_body, headers=headers or {}
        )
        return Reply(response.status_code, response.content, dict(response.headers))

    def close(self) -> None:
        self._session.close()


def _httpx_fault(exc: BaseException) -> str | None:
    """A passing transport fault of `httpx`, by kind, or None for any other error."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return "connect"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return "reset"
    return None
