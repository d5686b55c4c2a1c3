"""Signed webhook delivery to a real local receiver, with a retry after a failed attempt."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.mock.conftest import assert_envelope, wait_until

SECRET = "your-webhook-secret"


class Receiver:
    """A webhook endpoint on loopback that fails each delivery's first attempt."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes, int]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                delivery = self.headers["X-Miso-Delivery"]
                first = not any(h["X-Miso-Delivery"] == delivery for h, _, _ in receiver.received)
                status = 500 if first else 200
                receiver.received.append((dict(self.headers), body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def test_events_are_signed_delivered_and_retried(api: httpx.Client, receiver: Receiver) -> None:
    events = ["application.created", "deployment.started", "deployment.completed"]
    hook = api.post(
        "/api/v1/webhooks", json={"url": receiver.url, "events": events, "secret": SECRET}
    )
    assert hook.status_code == 201, hook.text
    assert "secret" not in hook.json()
    hook_id = hook.json()["id"]

    app = api.post(
        "/api/v1/applications",
        json={"name": "hooked", "environment": "production", "configuration": {"image": "h:1"}},
    ).json()
    api.post(f"/api/v1/applications/{app['id']}/deployments", json={"image": "h:2"})

    def delivered() -> bool:
        page = api.get(f"/api/v1/webhooks/{hook_id}/deliveries").json()["data"]
        return len(page) == 3 and all(d["status"] == "delivered" for d in page)

    wait_until(delivered)
    deliveries = api.get(f"/api/v1/webhooks/{hook_id}/deliveries").json()["data"]
    assert all(d["attempts"] == 2 and d["last_status_code"] == 200 for d in deliveries)
    assert {d["event"] for d in deliveries} == set(events)

    assert len(receiver.received) == 6  # every delivery failed once, then succeeded
    for headers, body, _ in receiver.received:
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["X-Miso-Signature"], expected)
        payload = json.loads(body)
        assert headers["X-Miso-Event"] == payload["event"]
        assert set(payload) == {"event", "timestamp", "data"}
    created = next(
        json.loads(b) for h, b, _ in receiver.received if h["X-Miso-Event"] == "application.created"
    )
    assert created["data"] == {"id": app["id"], "name": "hooked", "status": "creating"}
    retried = [h["X-Miso-Delivery"] for h, _, _ in receiver.received]
    assert len(set(retried)) == 3  # a retry carries the same delivery id


def test_unsubscribed_events_are_not_sent_and_delete_stops_deliveries(
    api: httpx.Client, receiver: Receiver
) -> None:
    hook = api.post(
        "/api/v1/webhooks",
        json={"url": receiver.url, "events": ["application.deleted"], "secret": SECRET},
    ).json()
    api.put("/api/v1/applications/app-123", json={"description": "x"}).raise_for_status()
    assert api.get(f"/api/v1/webhooks/{hook['id']}/deliveries").json()["data"] == []
    assert api.get("/api/v1/webhooks").json()["pagination"]["total"] == 1
    assert api.delete(f"/api/v1/webhooks/{hook['id']}").status_code == 200
    assert_envelope(api.get(f"/api/v1/webhooks/{hook['id']}"), 404, "RESOURCE_NOT_FOUND")
    api.delete("/api/v1/applications/app-123").raise_for_status()
    assert receiver.received == []


def test_hosts_outside_the_allow_list_are_never_contacted(api: httpx.Client) -> None:
    hook = api.post(
        "/api/v1/webhooks",
        json={
            "url": "https://your-webhook.com/events",
            "events": ["application.updated"],
            "secret": SECRET,
        },
    ).json()
    api.put("/api/v1/applications/app-123", json={"description": "y"}).raise_for_status()

    def failed() -> bool:
        data = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries").json()["data"]
        return bool(data) and data[0]["status"] == "failed"

    wait_until(failed)
    delivery = api.get(f"/api/v1/webhooks/{hook['id']}/deliveries").json()["data"][0]
    assert delivery["attempts"] == 1 and "not allowed" in delivery["last_error"]
