"""Replicas on one Redis share webhook deliveries and request metrics: each event is delivered
by one replica, retried by whichever, taken over when its replica dies; metrics read from any
replica count the requests of all."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from miso_mock.redis_store import RedisStore
from miso_mock.webhook_stream import GROUP, StreamDispatcher
from miso_toolkit.paths import REPO_ROOT

from tests.mock.conftest import FAST
from tests.mock.test_webhooks import SECRET
from tests.support.redis_server import RedisServer, redis_binary
from tests.support.servers import (
    MISO,
    free_port,
    get_token,
    running_mock,
    wait_until_up,
)

READY_STREAM = "miso:webhooks:ready"  # the store's default prefix
EVENTS = 30
DEADLINE = 120.0  # generous: three mocks and this test share two busy cores


@dataclass
class Request:
    delivery: str
    status: int | None  # what the receiver answered; None: held, then the sender was gone
    at: float


class RecordingReceiver:
    """A webhook endpoint on loopback that records every request. `fail_first`: answers 500
    to a delivery's first attempt; `hold_first`: keeps the very first request open until
    released (the sender may be killed meanwhile), then answers nothing useful."""

    def __init__(self, fail_first: bool = False, hold_first: bool = False) -> None:
        self.requests: list[Request] = []
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                delivery = self.headers["X-Miso-Delivery"]
                with receiver._lock:
                    seen = any(r.delivery == delivery for r in receiver.requests)
                    hold = hold_first and not receiver.held.is_set()
                    status = None if hold else 500 if fail_first and not seen else 200
                    receiver.requests.append(Request(delivery, status, time.monotonic()))
                    if hold:
                        receiver.held.set()
                if hold:
                    receiver.release.wait(DEADLINE)
                    status = 500  # counted as nothing: the sender is dead by now
                with contextlib.suppress(OSError):
                    self.send_response(status or 500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def by_delivery(self) -> dict[str, list[Request]]:
        with self._lock:
            found: dict[str, list[Request]] = {}
            for request in self.requests:
                found.setdefault(request.delivery, []).append(request)
            return found

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Replica:
    url: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def replicas_on(store_url: str, count: int = 3, *options: str) -> Iterator[list[Replica]]:
    """`count` mocks on their own ports over one Redis, as processes a test may kill."""
    started: list[Replica] = []
    try:
        for _ in range(count):
            port = free_port()
            args = [MISO, "mock", "--port", str(port), "--quiet", *FAST, "--store", store_url]
            process = subprocess.Popen(
                [*args, *options],
                cwd=REPO_ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started.append(Replica(f"http://127.0.0.1:{port}", process))
        for replica in started:
            wait_until_up(f"{replica.url}/api/v1/openapi.json", replica.process)
        yield started
    finally:
        for replica in started:
            if replica.process.poll() is None:
                replica.process.terminate()
        for replica in started:
            try:
                replica.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                replica.process.kill()
                replica.process.wait()


@pytest.fixture(scope="module")
def replicas(redis_server: RedisServer) -> Iterator[list[Replica]]:
    redis_server.client(db=4).flushdb()
    with replicas_on(redis_server.url_of(4)) as started:
        yield started


@pytest.fixture
def receiver() -> Iterator[RecordingReceiver]:
    r = RecordingReceiver()
    yield r
    r.close()


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def _wait_for(condition: Callable[[], bool], timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def _subscribe(url: str, token: str, target: str) -> str:
    with _client(url, token) as api:
        hook = {"url": target, "events": ["application.updated"], "secret": SECRET}
        created = api.post("/api/v1/webhooks", json=hook)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _update_on_each(replicas: list[Replica], token: str, events: int) -> None:
    """`events` updates of app-123, each answered by the next replica in turn (each emits)."""
    for number in range(events):
        with _client(replicas[number % len(replicas)].url, token) as api:
            body = {"description": f"update {number}"}
            api.put("/api/v1/applications/app-123", json=body).raise_for_status()


def _deliveries(url: str, token: str, hook_id: str) -> list[dict[str, Any]]:
    """Every delivery of the webhook, page by page."""
    found: list[dict[str, Any]] = []
    with _client(url, token) as api:
        for page in range(1, 1000):
            params = {"limit": 100, "page": page}
            answer = api.get(f"/api/v1/webhooks/{hook_id}/deliveries", params=params)
            answer.raise_for_status()
            found.extend(answer.json()["data"])
            if len(found) >= answer.json()["pagination"]["total"]:
                break
    return found


def _settled(url: str, token: str, hook_id: str, count: int) -> bool:
    found = _deliveries(url, token, hook_id)
    return len(found) == count and all(d["status"] != "pending" for d in found)


def test_each_event_is_delivered_once_by_one_of_three_replicas(
    replicas: list[Replica], receiver: RecordingReceiver
) -> None:
    urls = [replica.url for replica in replicas]
    httpx.post(f"{urls[0]}/_mock/reset").raise_for_status()
    token = get_token(urls[0])
    hook_id = _subscribe(urls[0], token, receiver.url)
    _update_on_each(replicas, token, EVENTS)
    _wait_for(lambda: _settled(urls[2], token, hook_id, EVENTS))
    deliveries = _deliveries(urls[1], token, hook_id)
    assert {d["status"] for d in deliveries} == {"delivered"}
    assert {d["attempts"] for d in deliveries} == {1}
    received = receiver.by_delivery()
    assert set(received) == {d["id"] for d in deliveries}
    assert all(len(requests) == 1 for requests in received.values()), received


def test_a_failed_attempt_is_retried_with_backoff_by_any_replica(
    replicas: list[Replica],
) -> None:
    receiver = RecordingReceiver(fail_first=True)
    try:
        urls = [replica.url for replica in replicas]
        httpx.post(f"{urls[0]}/_mock/reset").raise_for_status()
        token = get_token(urls[0])
        hook_id = _subscribe(urls[1], token, receiver.url)
        _update_on_each(replicas, token, 9)
        _wait_for(lambda: _settled(urls[0], token, hook_id, 9))
        deliveries = _deliveries(urls[2], token, hook_id)
    finally:
        receiver.close()
    for delivery in deliveries:
        assert delivery["status"] == "delivered", delivery
        assert delivery["attempts"] == 2 and delivery["last_status_code"] == 200
    retry_base = float(FAST[FAST.index("--webhook-retry-base") + 1])
    for requests in receiver.by_delivery().values():
        assert [r.status for r in requests] == [500, 200]
        # A lower bound the design guarantees, not a speed: the retry is queued only once
        # the backoff after the recorded failure has passed, however slow the machine.
        assert requests[1].at - requests[0].at >= retry_base


def test_a_delivery_held_by_a_killed_replica_is_taken_over_and_succeeds_once(
    redis_server: RedisServer,
) -> None:
    client = redis_server.client(db=5)
    client.flushdb()
    receiver = RecordingReceiver(hold_first=True)
    try:
        with replicas_on(redis_server.url_of(5)) as started:
            urls = [replica.url for replica in started]
            token = get_token(urls[0])
            hook_id = _subscribe(urls[0], token, receiver.url)
            _update_on_each(started[1:2], token, 1)
            assert receiver.held.wait(DEADLINE), "the delivery was never attempted"
            holders = client.xpending_range(READY_STREAM, GROUP, "-", "+", 10)
            assert len(holders) == 1, holders
            pid = int(str(holders[0]["consumer"]).split("@")[0])
            killed = next(r for r in started if r.process.pid == pid)
            killed.process.send_signal(signal.SIGKILL)  # nothing of it runs on
            killed.process.wait()
            receiver.release.set()
            alive = next(r.url for r in started if r is not killed)
            _wait_for(lambda: _settled(alive, token, hook_id, 1))
            [delivery] = _deliveries(alive, token, hook_id)
    finally:
        receiver.close()
    assert delivery["status"] == "delivered" and delivery["last_status_code"] == 200
    requests = receiver.by_delivery()[delivery["id"]]
    # The attempt cut short by the kill, then one by a surviving replica: one success.
    assert [r.status for r in requests] == [None, 200]


def _request_count(url: str, token: str, endpoint: str) -> int:
    with _client(url, token) as api:
        params = {"metric": "http_requests_total", "time_range": "1h", "aggregation": "sum"}
        points = api.get("/api/v1/metrics", params=params).json()["data"]
    return int(sum(p["value"] for p in points if p["labels"]["endpoint"] == endpoint))


def test_metrics_on_any_replica_count_the_requests_of_all(replicas: list[Replica]) -> None:
    urls = [replica.url for replica in replicas]
    token = get_token(urls[0])
    endpoint = "/api/v1/environments/{environment_id}"
    before = _request_count(urls[0], token, endpoint)
    for url in urls:
        with _client(url, token) as api:
            for _ in range(5):
                api.get("/api/v1/environments/env-dev").raise_for_status()
    # Each replica records a request once it has answered it: wait for the last ones.
    for url in urls:

        def counted(url: str = url) -> bool:
            return _request_count(url, token, endpoint) == before + 15

        _wait_for(counted)


def test_two_workers_deliver_each_event_once(
    redis_server: RedisServer, receiver: RecordingReceiver
) -> None:
    redis_server.client(db=6).flushdb()
    options = (*FAST, "--store", redis_server.url_of(6), "--workers", "2")
    with running_mock(*options) as url:
        token = get_token(url)
        hook_id = _subscribe(url, token, receiver.url)
        for number in range(10):
            # A new connection each time: the kernel spreads them over both workers.
            with _client(url, token) as api:
                body = {"description": f"update {number}"}
                api.put("/api/v1/applications/app-123", json=body).raise_for_status()
        _wait_for(lambda: _settled(url, token, hook_id, 10))
        deliveries = _deliveries(url, token, hook_id)
    assert {(d["status"], d["attempts"]) for d in deliveries} == {("delivered", 1)}
    received = receiver.by_delivery()
    assert set(received) == {d["id"] for d in deliveries}
    assert all(len(requests) == 1 for requests in received.values()), received


def test_deliveries_survive_redis_restarted_under_load(
    tmp_path: Path, receiver: RecordingReceiver
) -> None:
    server = RedisServer(redis_binary(), free_port(), data_dir=tmp_path)  # restarted below
    server.start()
    try:
        # Every delivery kept, however many the load emits.
        with replicas_on(server.url, 2, "--max-deliveries", "100000") as started:
            token = get_token(started[0].url)
            hook_id = _subscribe(started[0].url, token, receiver.url)
            acknowledged: list[int] = []
            refused: list[int] = []
            stop = threading.Event()

            def load() -> None:
                number = 0
                while not stop.is_set():
                    with _client(started[number % 2].url, token) as api:
                        body = {"description": f"load {number}"}
                        status = api.put("/api/v1/applications/app-123", json=body).status_code
                    (acknowledged if status == 200 else refused).append(status)
                    number += 1
                    time.sleep(0.02)  # a steady load, not a flood of deliveries to wait for

            worker = threading.Thread(target=load)
            worker.start()
            try:
                _wait_for(lambda: len(acknowledged) >= 5)
                server.stop()
                _wait_for(lambda: len(refused) >= 3)
                server.start()
                seen = len(acknowledged)
                _wait_for(lambda: len(acknowledged) >= seen + 5)
            finally:
                stop.set()
                worker.join()
            url = started[1].url

            def settled() -> bool:
                return all(d["status"] != "pending" for d in _deliveries(url, token, hook_id))

            _wait_for(settled)
            deliveries = _deliveries(url, token, hook_id)
    finally:
        server.stop()
    assert set(refused) == {503}
    # Every acknowledged update emitted a delivery (a refused one may have too, or not).
    assert len(acknowledged) <= len(deliveries)
    assert {d["status"] for d in deliveries} == {"delivered"}
    received = receiver.by_delivery()
    for delivery in deliveries:
        # At least once: an outcome that could not be written while Redis was down is
        # attempted again, with the same delivery id, so a receiver can deduplicate.
        assert 200 in [r.status for r in received[delivery["id"]]], delivery


def test_consumers_gone_for_long_are_forgotten(redis_server: RedisServer) -> None:
    redis_server.client(db=7).flushdb()
    dispatcher = StreamDispatcher(RedisStore(redis_server.url_of(7)), ("127.0.0.1",), 1.0, 5)
    client = dispatcher.client
    client.xgroup_create(READY_STREAM, GROUP, id="0", mkstream=True)
    client.xadd(READY_STREAM, {"delivery": "dlv-1", "attempts": 0})
    client.xreadgroup(GROUP, "holder", {READY_STREAM: ">"})  # holds an entry: kept
    client.xgroup_createconsumer(READY_STREAM, GROUP, "gone")
    time.sleep(0.05)  # both idle longer than the 10 ms below
    assert dispatcher.forget_gone_consumers(0.01) == 1
    assert [c["name"] for c in client.xinfo_consumers(READY_STREAM, GROUP)] == ["holder"]
    assert dispatcher.forget_gone_consumers(3600) == 0
    dispatcher.redis_store.close()
