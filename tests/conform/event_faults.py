"""Mocks broken in exactly one way that no response schema shows: in the webhook deliveries
they send, or in the tokens they issue and validate. Every API answer stays schema-valid, so
only `miso_oracle` can catch them.

Delivery faults replace the mock's one function that posts a delivery with one that breaks it
(for the test's duration, through pytest's monkeypatch); token faults sit in front of the app
like the faults of `faults.py`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from miso_mock import webhooks
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.conform.faults import Headers, Response, _json, _respond, exchange, rewrite_responses

Record = dict[str, Any]
Post = Callable[[Any, Record, Record], Awaitable[tuple[int | None, str | None, bool]]]
EVENT_HEADER = "X-Miso-Event"


# -- deliveries --------------------------------------------------------------------------------


def _patch_post(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[Record, Record], tuple[Record, Record]]
) -> None:
    original: Post = webhooks.WebhookDispatcher._post

    async def post(
        self: Any, hook: Record, delivery: Record
    ) -> tuple[int | None, str | None, bool]:
        return await original(self, *change(hook, delivery))

    monkeypatch.setattr(webhooks.WebhookDispatcher, "_post", post)


def signed_with_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deliveries are signed, well-formed, with a key that is not the registered secret."""
    _patch_post(
        monkeypatch, lambda hook, delivery: ({**hook, "_secret": "not-the-secret"}, delivery)
    )


def payload_without_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    """The payload lacks the callback schema's required `timestamp` (and is signed correctly)."""

    def change(hook: Record, delivery: Record) -> tuple[Record, Record]:
        payload = {k: v for k, v in delivery["_payload"].items() if k != "timestamp"}
        return hook, {**delivery, "_payload": payload}

    _patch_post(monkeypatch, change)


def event_header_names_another_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """The event header is a valid event type, but not the one the payload carries."""

    def change(hook: Record, delivery: Record) -> tuple[Record, Record]:
        other = (
            "application.deleted"
            if delivery["event"] != "application.deleted"
            else ("application.created")
        )
        return hook, {**delivery, "event": other}

    _patch_post(monkeypatch, change)


def without_event_header(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deliveries leave without the event header (through a client that drops it)."""
    original: Post = webhooks.WebhookDispatcher._post

    async def drop(request: httpx.Request) -> None:
        del request.headers[EVENT_HEADER]

    async def post(
        self: Any, hook: Record, delivery: Record
    ) -> tuple[int | None, str | None, bool]:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=webhooks.TIMEOUT, trust_env=False, event_hooks={"request": [drop]}
            )
        return await original(self, hook, delivery)

    monkeypatch.setattr(webhooks.WebhookDispatcher, "_post", post)


# -- tokens ------------------------------------------------------------------------------------


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _claims(token: str) -> Record:
    return dict(json.loads(_b64decode(token.split(".")[1])))


def lenient_validation(app: ASGIApp, accepts: str) -> ASGIApp:
    """`/auth/validate` answers `valid: true` (with the token's claims) for one kind of bad
    token it rightly refused: `tampered` (an issued token's signature over other claims),
    `unsigned` (`alg: none`), `foreign` (a signature the instance never made) or `expired`
    (an issued token, refused now). Issued tokens are known by watching `/auth/token`."""
    issued: set[str] = set()

    def kind(token: str) -> str | None:
        parts = token.split(".")
        if len(parts) != 3:
            return None
        header = json.loads(_b64decode(parts[0]))
        if header.get("alg") == "none":
            return "unsigned"
        if token in issued:
            return "expired"
        if any(parts[2] == known.split(".")[2] for known in issued):
            return "tampered"
        return "foreign"

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await app(scope, receive, send)
            return
        if scope["path"] == "/auth/token":
            status, headers, body = await exchange(app, scope, receive)
            if status == 200:
                issued.add(json.loads(body)["access_token"])
            await _respond(send, status, headers, body)
            return
        if scope["path"] != "/auth/validate":
            await app(scope, receive, send)
            return
        request = await _whole_body(receive)
        replay = _replaying(request)
        status, headers, body = await exchange(app, scope, replay)
        try:
            token = json.loads(request)["token"]
            verdict = json.loads(body)
        except (ValueError, KeyError, TypeError):
            await _respond(send, status, headers, body)
            return
        if status == 200 and verdict.get("valid") is False and kind(token) == accepts:
            claims = _claims(token)
            body = json.dumps({"valid": True, "claims": claims}).encode()
        await _respond(send, status, headers, body)

    return proxy


async def _whole_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replaying(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def discovery_names_another_issuer(app: ASGIApp) -> ASGIApp:
    """The discovery document states an issuer the tokens do not carry."""
    return rewrite_responses(
        app,
        "GET",
        "/.well-known/openid-configuration",
        _json(lambda body: {**body, "issuer": "https://another-issuer.example"}),
    )


def keys_that_verify_nothing(app: ASGIApp) -> ASGIApp:
    """The JWKS publishes a well-formed RSA key that is not the one tokens are signed with."""
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    modulus = numbers.public_numbers().n
    raw = modulus.to_bytes((modulus.bit_length() + 7) // 8, "big")
    n = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def change(body: Record) -> Record:
        return {"keys": [{**key, "n": n} for key in body["keys"]]}

    return rewrite_responses(app, "GET", "/.well-known/jwks.json", _json(change))


def validation_reports_another_audience(app: ASGIApp) -> ASGIApp:
    """`/auth/validate` states an audience the issued tokens do not carry."""

    def rewrite(status: int, headers: Headers, body: bytes) -> Response:
        verdict = json.loads(body) if status == 200 else None
        if not isinstance(verdict, dict) or not isinstance(verdict.get("claims"), dict):
            return status, headers, body
        claims = {**verdict["claims"], "aud": "another-audience"}
        return status, headers, json.dumps({**verdict, "claims": claims}).encode()

    return rewrite_responses(app, "POST", "/auth/validate", rewrite)
