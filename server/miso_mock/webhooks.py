"""Signed webhook delivery with retries, every attempt recorded as a delivery.

Only hosts in `--webhook-hosts` (loopback by default) are contacted: a mock that fuzzers and
frontend developers point anywhere must not send traffic to the internet unasked. A delivery to
another host is recorded as failed with the reason.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import json
import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from miso_mock import clock
from miso_mock.store import Record, Store

logger = logging.getLogger("miso_mock.webhooks")
TIMEOUT_SECONDS = 10.0


def sign(secret: str, body: bytes) -> str:
    """The `X-Miso-Signature` value for `body`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookDispatcher:
    """Turns events into deliveries and works them off in the background."""

    def __init__(
        self,
        store: Store,
        allowed_hosts: tuple[str, ...],
        retry_base: float,
        max_attempts: int,
    ) -> None:
        self.store = store
        self.allowed_hosts = allowed_hosts
        self.retry_base = retry_base
        self.max_attempts = max_attempts
        self._tasks: set[asyncio.Task[None]] = set()
        self._client: httpx.AsyncClient | None = None

    def emit(self, event: str, data: dict[str, Any]) -> None:
        """Queue `event` for every active webhook subscribed to it."""
        payload: dict[str, Any] | None = None
        for hook in self.store.all("webhooks"):
            if not hook["active"] or event not in hook["events"]:
                continue
            if payload is None:  # one timestamp for every delivery of the event
                payload = {"event": event, "timestamp": clock.iso(), "data": data}
            delivery_id = self.store.next_id("deliveries", "dlv")
            delivery: Record = {
                "id": delivery_id,
                "webhook_id": hook["id"],
                "event": event,
                "status": "pending",
                "attempts": 0,
                "last_status_code": None,
                "last_error": None,
                "created_at": clock.iso(),
                "next_attempt_at": clock.iso(),
                "_payload": payload,
            }
            self.store.put("deliveries", delivery_id, delivery)
            self._spawn(delivery_id)

    def resume(self) -> None:
        """Restart deliveries that were pending when the state was saved."""
        for delivery in self.store.all("deliveries"):
            if delivery["status"] == "pending":
                self._spawn(delivery["id"])

    def _spawn(self, delivery_id: str) -> None:
        try:
            # Its own context: a copy of the request's would keep the request alive with it.
            task = asyncio.get_running_loop().create_task(
                self._deliver(delivery_id), context=contextvars.Context()
            )
        except RuntimeError:  # no loop (state imported outside a request): resumed at start-up
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return "*" in self.allowed_hosts or host in self.allowed_hosts

    async def _deliver(self, delivery_id: str) -> None:
        while True:
            delivery = self.store.get("deliveries", delivery_id)
            hook = self.store.get("webhooks", delivery["webhook_id"]) if delivery else None
            if delivery is None or hook is None or delivery["status"] != "pending":
                return
            status_code, error = await self._attempt(hook, delivery)
            delivery = dict(delivery)
            delivery["attempts"] += 1
            delivery["last_status_code"] = status_code
            delivery["last_error"] = error
            retry = error is not None and delivery["attempts"] < self.max_attempts
            retry = retry and self._allowed(hook["url"])
            if error is None:
                delivery["status"], delivery["next_attempt_at"] = "delivered", None
            elif not retry:
                delivery["status"], delivery["next_attempt_at"] = "failed", None
            delay = self.retry_base * 2 ** (delivery["attempts"] - 1)
            if retry:
                delivery["next_attempt_at"] = clock.iso(clock.epoch() + delay)
            if self.store.get("webhooks", hook["id"]) is None:
                return
            self.store.put("deliveries", delivery_id, delivery)
            if not retry:
                return
            await asyncio.sleep(delay)

    async def _attempt(self, hook: Record, delivery: Record) -> tuple[int | None, str | None]:
        if not self._allowed(hook["url"]):
            return None, f"host not allowed (miso mock --webhook-hosts): {hook['url']}"
        body = json.dumps(delivery["_payload"]).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "miso-mock-webhooks",
            "X-Miso-Signature": sign(hook["_secret"], body),
            "X-Miso-Event": delivery["event"],
            "X-Miso-Delivery": delivery["id"],
        }
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=TIMEOUT_SECONDS)
        try:
            response = await self._client.post(hook["url"], content=body, headers=headers)
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}".rstrip(": ")
        if 200 <= response.status_code < 300:
            return response.status_code, None
        return response.status_code, f"receiver answered {response.status_code}"

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
