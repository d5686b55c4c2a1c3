"""Signed webhook delivery with retries, every attempt recorded as a delivery.

Deliveries never hold up the API: at most `MAX_CONCURRENT` attempts run at once, each with
short connect and read timeouts, on a connection pool of their own. Only hosts in
`--webhook-hosts` (loopback by default) are contacted: a mock that fuzzers and frontend
developers point anywhere must not send traffic to the internet unasked. The mock never
delivers to itself (a webhook aimed at its own `/_mock/reset` or at a log stream would wipe the
state or tie up a connection per event): such deliveries fail without being sent, and a
delivery that reaches the mock anyway (a name that resolved elsewhere when checked) is refused
by its `X-Miso-Origin` header. A failed attempt says only "no HTTP answer" or the status the
receiver answered, so deliveries cannot tell apart what listens on other ports.

This dispatcher delivers in process, each delivery a task of the process that emitted it. With
a shared store, `StreamDispatcher` (webhook_stream.py) keeps the same records and policy but
lets every replica work off the deliveries, through Redis.
"""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlsplit

import httpx

from miso_mock import clock
from miso_mock.store import Record, Store, natural_key

logger = logging.getLogger("miso_mock.webhooks")
MAX_CONCURRENT = 8
TIMEOUT = httpx.Timeout(5.0, connect=2.0)  # each step: connect, each write, each read
ATTEMPT_SECONDS = 10.0  # a whole attempt, however slowly the receiver trickles its answer
ORIGIN_HEADER = "X-Miso-Origin"
NO_ANSWER = "no HTTP answer from the receiver"

# An attempt's result: the status code, what went wrong (None: delivered), and whether trying
# again could help.
Outcome = tuple[int | None, str | None, bool]


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
        max_deliveries: int = 100,
        own_address: tuple[str, int] = ("127.0.0.1", 8080),
        origin_marker: str | None = None,
    ) -> None:
        self.store = store
        self.allowed_hosts = allowed_hosts
        self.retry_base = retry_base
        self.max_attempts = max_attempts
        self.max_deliveries = max_deliveries
        self.own_host, self.own_port = own_address
        # Sent with every delivery; a request carrying it is this mock talking to itself (or
        # to another replica of a shared store: they all send and refuse the same one).
        self.origin_marker = origin_marker or secrets.token_hex(16)
        self._tasks: set[asyncio.Task[None]] = set()
        self._client: httpx.AsyncClient | None = None
        self._slots: asyncio.Semaphore | None = None

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
            self._add(delivery)
            self._forget_oldest(hook["id"])

    def _add(self, delivery: Record) -> None:
        """Store a new delivery and queue it."""
        self.store.put("deliveries", delivery["id"], delivery)
        self._queue(delivery)

    def _forget_oldest(self, webhook_id: str) -> None:
        """Keep the newest `max_deliveries` of a webhook; a forgotten pending one is not sent."""
        kept = self.store.find("deliveries", "webhook_id", webhook_id)
        excess = len(kept) - self.max_deliveries
        if excess > 0:
            for delivery in sorted(kept, key=lambda d: natural_key(d["id"]))[:excess]:
                self.store.delete("deliveries", delivery["id"])

    def start(self) -> None:
        """Begin delivering (from the server's event loop); in process, each delivery is its
        own task from the moment it is queued."""

    def resume(self) -> None:
        """Restart deliveries that were pending when the state was saved."""
        for delivery in self.store.all("deliveries"):
            if delivery["status"] == "pending":
                self._queue(delivery)

    def _queue(self, delivery: Record) -> None:
        """Have `delivery` attempted now, and retried until it settles."""
        self._spawn(delivery["id"])

    def _spawn(self, delivery_id: str) -> None:
        self._start_task(self._deliver(delivery_id))

    def _start_task(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            # Its own context: a copy of the request's would keep the request alive with it.
            task = asyncio.get_running_loop().create_task(work, context=contextvars.Context())
        except RuntimeError:  # no loop (state imported outside a request): resumed at start-up
            work.close()
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return "*" in self.allowed_hosts or host in self.allowed_hosts

    async def _is_self(self, url: str) -> bool:
        """`url` reaches this mock: its port, on an address the mock listens on."""
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        if port != self.own_port:
            return False
        host = parts.hostname or ""
        try:
            found = await asyncio.get_running_loop().getaddrinfo(host, port)
        except OSError:
            return False  # it cannot be reached at all
        mine = {self.own_host}
        for _family, _type, _proto, _name, address in found:
            ip = ipaddress.ip_address(str(address[0]).split("%")[0])
            if ip.is_loopback or ip.is_unspecified or str(ip) in mine or self._listens_on_all():
                return True
        return False

    def _listens_on_all(self) -> bool:
        """Bound to every interface: any address of this machine on its port is the mock."""
        try:
            return ipaddress.ip_address(self.own_host).is_unspecified
        except ValueError:
            return False

    async def _deliver(self, delivery_id: str) -> None:
        while True:
            delivery = self.store.get("deliveries", delivery_id)
            hook = self.store.get("webhooks", delivery["webhook_id"]) if delivery else None
            if delivery is None or hook is None or delivery["status"] != "pending":
                return
            outcome = await self._attempt(hook, delivery)
            delivery = self.store.get("deliveries", delivery_id)
            if delivery is None or self.store.get("webhooks", hook["id"]) is None:
                return  # forgotten (too many kept, or its webhook deleted) meanwhile
            delivery, delay = self.settle(delivery, outcome)
            self.store.put("deliveries", delivery_id, delivery)
            if delay is None:
                return
            await asyncio.sleep(delay)

    def settle(self, delivery: Record, outcome: Outcome) -> tuple[Record, float | None]:
        """`delivery` after an attempt with `outcome`, and the delay before the next attempt
        (None: delivered, or failed for good)."""
        status_code, error, retriable = outcome
        delivery = dict(delivery)
        delivery["attempts"] += 1
        delivery["last_status_code"] = status_code
        delivery["last_error"] = error
        retry = retriable and error is not None and delivery["attempts"] < self.max_attempts
        if not retry:
            delivery["status"] = "delivered" if error is None else "failed"
            delivery["next_attempt_at"] = None
            return delivery, None
        delay = self.retry_base * 2 ** (delivery["attempts"] - 1)
        delivery["next_attempt_at"] = clock.iso(clock.epoch() + delay)
        return delivery, delay

    async def _attempt(self, hook: Record, delivery: Record) -> Outcome:
        """(status code, what went wrong, whether trying again could help)."""
        url = hook["url"]
        if not self._allowed(url):
            return None, f"host not allowed (miso mock --webhook-hosts): {url}", False
        if await self._is_self(url):
            return None, f"not sent: {url} is this mock itself", False
        if self._slots is None:
            self._slots = asyncio.Semaphore(MAX_CONCURRENT)
        async with self._slots:
            return await self._post(hook, delivery)

    async def _post(self, hook: Record, delivery: Record) -> Outcome:
        body = json.dumps(delivery["_payload"]).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "miso-mock-webhooks",
            "X-Miso-Signature": sign(hook["_secret"], body),
            "X-Miso-Event": delivery["event"],
            "X-Miso-Delivery": delivery["id"],
            ORIGIN_HEADER: self.origin_marker,
        }
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=TIMEOUT,
                limits=httpx.Limits(
                    max_connections=MAX_CONCURRENT, max_keepalive_connections=MAX_CONCURRENT
                ),
                follow_redirects=False,
                trust_env=False,  # never through a proxy the environment names
            )
        try:
            # Only the head is read: a receiver streaming an endless body cannot hold a slot.
            async with (
                asyncio.timeout(ATTEMPT_SECONDS),
                self._client.stream("POST", hook["url"], content=body, headers=headers) as r,
            ):
                status = r.status_code
        except (httpx.HTTPError, OSError, TimeoutError):
            return None, NO_ANSWER, True
        if 200 <= status < 300:
            return status, None, False
        return status, f"receiver answered {status}", True

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
