"""Webhook deliveries never hold up the API, never reach the mock itself, say nothing about
what listens on other ports, and are kept to the last `--max-deliveries` per webhook."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.mock.conftest import FAST, wait_until
from tests.mock.test_webhooks import SECRET, Receiver
from tests.support.servers import free_port, get_token, running_mock

ALL_EVENTS = ["application.created", "application.updated", "application.deleted"]
MAX_CONCURRENT = 8  # the dispatcher's bound on attempts at once (miso_mock.webhooks)


class HangingReceiver:
    """Accepts connections, reads nothing, answers nothing; counts connections open at once."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=512)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"
        self.open: list[socket.socket] = []
        self.peak = 0
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self._lock:
                self.open = [c for c in self.open if _alive(c)] + [conn]
                self.peak = max(self.peak, len(self.open))

    def close(self) -> None:
        self._closed = True
        self.sock.close()
        for conn in self.open:
            conn.close()


def _alive(conn: socket.socket) -> bool:
    """Still open at the other end (the mock has not given up on it); what it sent is dropped."""
    conn.setblocking(False)
    try:
        while conn.recv(65536):
            pass
        return False  # end of stream: the mock closed it
    except BlockingIOError:
        return True
    except OSError:
        return False


@pytest.fixture
def hanging() -> Iterator[HangingReceiver]:
    receiver = HangingReceiver()
    yield receiver
    receiver.close()


async def _creates_and_probes(url: str, headers: dict[str, str]) -> list[int]:
    # The timeout is a hang detector, not a speed target: a starved mock answered after 2 min.
    limits = httpx.Limits(max_connections=20)
    async with httpx.AsyncClient(
        base_url=url, headers=headers, timeout=60, limits=limits
    ) as client:

        async def create(i: int) -> int:
            body = {"name": f"load-{i}", "environment": "production"}
            body["configuration"] = {"image": "l:1"}  # type: ignore[assignment]
            return (await client.post("/api/v1/applications", json=body)).status_code

        async def probe() -> int:
            return (await client.get("/api/v1/health")).status_code

        return await asyncio.gather(*(create(i) for i in range(300)), *(probe() for _ in range(30)))


def test_hanging_and_self_pointing_receivers_do_not_hold_up_the_api(
    hanging: HangingReceiver,
) -> None:
    port = free_port()
    with running_mock(*FAST, port=port) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as api:
            hooks = [hanging.url] * 10 + [
                f"{url}/api/v1/deployments/deploy-789/logs?follow=true",
                f"http://localhost:{port}/_mock/reset",
            ]
            ids = []
            for target in hooks:
                hook = {"url": target, "events": ALL_EVENTS, "secret": SECRET}
                created = api.post("/api/v1/webhooks", json=hook)
                assert created.status_code == 201, created.text
                ids.append(created.json()["id"])
            statuses = asyncio.run(_creates_and_probes(url, headers))
            assert statuses == [201] * 300 + [200] * 30
            # The webhook at /_mock/reset did not wipe the state.
            assert api.get("/api/v1/applications").json()["pagination"]["total"] == 301
            for own in ids[10:]:

                def settled(hook_id: str = own) -> bool:
                    page = api.get(f"/api/v1/webhooks/{hook_id}/deliveries?limit=100").json()
                    return bool(page["data"]) and all(
                        d["status"] != "pending" for d in page["data"]
                    )

                wait_until(settled)
                deliveries = api.get(f"/api/v1/webhooks/{own}/deliveries?limit=100").json()
                for delivery in deliveries["data"]:
                    assert delivery["status"] == "failed" and delivery["attempts"] == 1
                    assert "this mock itself" in delivery["last_error"]
    assert 0 < hanging.peak <= MAX_CONCURRENT


def test_failure_reasons_do_not_tell_what_listens_on_a_port(api: httpx.Client) -> None:
    closed = free_port()
    not_http = socket.create_server(("127.0.0.1", 0))  # accepts, then hangs up at once

    def hang_up() -> None:
        while True:
            try:
                conn, _ = not_http.accept()
            except OSError:
                return
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    try:
        targets = [f"http://127.0.0.1:{closed}/", f"http://127.0.0.1:{not_http.getsockname()[1]}/"]
        ids = []
        for target in targets:
            hook = {"url": target, "events": ["application.updated"], "secret": SECRET}
            ids.append(api.post("/api/v1/webhooks", json=hook).json()["id"])
        api.put("/api/v1/applications/app-123", json={"description": "ping"}).raise_for_status()

        def attempted() -> bool:
            pages = [api.get(f"/api/v1/webhooks/{i}/deliveries").json()["data"] for i in ids]
            return all(page and page[0]["attempts"] >= 1 for page in pages)

        wait_until(attempted)
        reasons = {
            api.get(f"/api/v1/webhooks/{i}/deliveries").json()["data"][0]["last_error"] for i in ids
        }
        assert reasons == {"no HTTP answer from the receiver"}
    finally:
        not_http.close()


def test_only_the_last_max_deliveries_are_kept() -> None:
    receiver = Receiver()
    try:
        with running_mock(*FAST, "--max-deliveries", "3") as url:
            headers = {"Authorization": f"Bearer {get_token(url)}"}
            with httpx.Client(base_url=url, headers=headers, timeout=30) as api:
                hook = {"url": receiver.url, "events": ["application.updated"], "secret": SECRET}
                hook_id = api.post("/api/v1/webhooks", json=hook).json()["id"]
                for i in range(7):
                    update = {"description": f"update {i}"}
                    api.put("/api/v1/applications/app-123", json=update).raise_for_status()
                page = api.get(f"/api/v1/webhooks/{hook_id}/deliveries").json()
        assert page["pagination"]["total"] == 3
        numbers = sorted(int(d["id"].rpartition("-")[2]) for d in page["data"])
        assert numbers == [5, 6, 7]  # the newest three
    finally:
        receiver.close()
