"""The few requests `miso conform` sends itself (tokens, a reachability probe, clean-up), over
HTTP or straight into an in-process ASGI app, behind one small interface."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

TIMEOUT_SECONDS = 30.0


class Unreachable(Exception):
    """The instance could not be reached at all (no HTTP answer)."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes

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

    def __init__(self, base_url: str, *, verify: bool = True) -> None:
        self._base = base_url.rstrip("/")
        self._client = httpx.Client(timeout=TIMEOUT_SECONDS, verify=verify)

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        try:
            response = self._client.request(
                method, f"{self._base}{path}", json=json_body, headers=headers
            )
        except httpx.TransportError as exc:
            raise Unreachable(f"{method} {self._base}{path}: {exc.__class__.__name__}") from exc
        return Reply(response.status_code, response.content)

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
        return Reply(response.status_code, response.content)

    def close(self) -> None:
        self._session.close()
