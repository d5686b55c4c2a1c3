"""Verifying webhook signatures: unit cases, and a real delivery from the mock."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from miso_client import MisoClient, WebhookSignatureError, parse_event, verify_signature, webhooks
from miso_client.models import WebhookDeliveryStatus, WebhookEvent, WebhookEventType

SECRET = "your-webhook-secret"
BODY = (
    b'{"event": "application.created", "timestamp": "2024-01-15T10:30:00Z",'
    b' "data": {"id": "a", "status": "creating"}}'
)


def test_a_matching_signature_verifies() -> None:
    signature = webhooks.sign(BODY, SECRET)
    assert signature.startswith("sha256=") and len(signature) == 7 + 64
    assert verify_signature(BODY, signature, SECRET)
    assert verify_signature(BODY, signature, SECRET.encode())


@pytest.mark.parametrize(
    ("body", "signature"),
    [
        (BODY + b" ", webhooks.sign(BODY, SECRET)),  # tampered body
        (BODY, webhooks.sign(BODY, "another-secret")),  # other secret
        (BODY, webhooks.sign(BODY, SECRET).removeprefix("sha256=")),  # no scheme
        (BODY, "sha1=" + webhooks.sign(BODY, SECRET)[7:]),  # wrong scheme
        (BODY, ""),
        (BODY, None),
    ],
)
def test_anything_else_does_not(body: bytes, signature: str | None) -> None:
    assert not verify_signature(body, signature, SECRET)


def test_parse_event_checks_then_parses() -> None:
    headers = {"x-miso-signature": webhooks.sign(BODY, SECRET)}  # any header case
    event = parse_event(BODY, headers, SECRET)
    assert isinstance(event, WebhookEvent)
    assert event.event == WebhookEventType.APPLICATION_CREATED
    with pytest.raises(WebhookSignatureError):
        parse_event(BODY, {"X-Miso-Signature": "sha256=00"}, SECRET)
    with pytest.raises(WebhookSignatureError):
        parse_event(BODY, None, SECRET)


Received = tuple[bytes, dict[str, str]]


@pytest.fixture
def receiver() -> Iterator[tuple[str, queue.Queue[Received]]]:
    """A local HTTP endpoint that queues every POST it gets."""
    received: queue.Queue[Received] = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.put((body, dict(self.headers.items())))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/events", received
    finally:
        server.shutdown()
        server.server_close()


def test_a_delivery_from_the_mock_verifies(
    client: MisoClient, receiver: tuple[str, queue.Queue[Received]]
) -> None:
    url, received = receiver
    hook = client.webhooks.create({"url": url, "events": ["application.created"], "secret": SECRET})
    app = client.applications.create(
        {"name": "hooked", "environment": "production", "configuration": {"image": "h:1"}}
    )

    body, headers = received.get(timeout=10)
    event = parse_event(body, headers, SECRET)
    assert event.event == WebhookEventType.APPLICATION_CREATED
    assert event.data.id == app.id
    assert headers["X-Miso-Event"] == "application.created"
    assert not verify_signature(body, headers[webhooks.SIGNATURE_HEADER], "wrong-secret")

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        deliveries = client.webhooks.deliveries(hook.id).data
        if deliveries and deliveries[0].status == WebhookDeliveryStatus.DELIVERED:
            break
        time.sleep(0.05)
    assert [d.status for d in deliveries] == [WebhookDeliveryStatus.DELIVERED]
    assert deliveries[0].id == headers[webhooks.DELIVERY_HEADER]
