"""What a shared staging instance looks like, for the live-instance tests: another client that
creates, updates, deploys and deletes applications while a run goes on, and the mock's own
view of its records (`GET /_mock/state`) to tell what a run left changed."""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from typing import Any

import httpx

from tests.support.servers import DEV_CLIENT, get_token

API = "/api/v1"
# Answers another client gets from a busy, flaky instance and simply tries again after.
_BUSY = {429, 503}


def mock_state(base_url: str) -> dict[str, Any]:
    """Every record the mock holds, by kind and id."""
    response = httpx.get(f"{base_url}/_mock/state", timeout=30)
    response.raise_for_status()
    records: dict[str, Any] = response.json()["records"]
    return records


def changed_records(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Records there before that are missing or different after (what a run may not do)."""
    changed = []
    for kind, records in before.items():
        for identity, record in records.items():
            now = after.get(kind, {}).get(identity)
            if now is None:
                changed.append(f"{kind}/{identity} missing")
            elif now != record:
                changed.append(f"{kind}/{identity} changed: {record!r} -> {now!r}")
    return changed


def new_records(before: dict[str, Any], after: dict[str, Any], kinds: tuple[str, ...]) -> set[str]:
    return {
        f"{kind}/{identity}"
        for kind in kinds
        for identity in after.get(kind, {})
        if identity not in before.get(kind, {})
    }


class ConcurrentWriter:
    """Another client of the instance: creates an application, updates it, deploys it and
    deletes it, over and over, with its own token (so its own rate-limit budget)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.stop = threading.Event()
        self.cycles = 0
        self.created: list[str] = []
        self.deleted: list[str] = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _send(self, client: httpx.Client, method: str, path: str, body: Any = None) -> Any:
        for _ in range(20):
            response = client.request(method, f"{self.base_url}{API}{path}", json=body)
            if response.status_code not in _BUSY:
                return response
            self.stop.wait(float(response.headers.get("Retry-After", "1")))
        return response

    def _run(self) -> None:
        token = get_token(self.base_url, DEV_CLIENT)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(headers=headers, timeout=30) as client:
            for number in itertools.count(1):
                if self.stop.is_set():
                    return
                body = {
                    "name": f"other-client-{number}",
                    "description": "made by another client of a shared instance",
                    "environment": "production",
                    "configuration": {"image": "other:1", "replicas": 1},
                }
                created = self._send(client, "POST", "/applications", body)
                if created.status_code != 201:
                    continue
                identity = created.json()["id"]
                self.created.append(identity)
                self._send(
                    client, "PUT", f"/applications/{identity}", {"description": f"v{number}"}
                )
                self._send(
                    client, "POST", f"/applications/{identity}/deployments", {"image": "other:2"}
                )
                self.stop.wait(0.2)
                if self._send(client, "DELETE", f"/applications/{identity}").status_code < 300:
                    self.deleted.append(identity)
                self.cycles += 1

    @contextlib.contextmanager
    def running(self) -> Iterator[ConcurrentWriter]:
        self._thread.start()
        try:
            yield self
        finally:
            self.stop.set()
            self._thread.join(timeout=60)
