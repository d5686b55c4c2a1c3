"""Checking webhook deliveries on the receiving side.

Miso signs each delivery's raw body with the webhook's secret:
`X-Miso-Signature: sha256=<hex HMAC-SHA256(body, secret)>`. Verify against the exact bytes
received, before parsing: re-serialised JSON would not match.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping

from miso_api_client.models.webhook_event import WebhookEvent

from ._errors import WebhookSignatureError

SIGNATURE_HEADER = "X-Miso-Signature"
EVENT_HEADER = "X-Miso-Event"
DELIVERY_HEADER = "X-Miso-Delivery"
_PREFIX = "sha256="


def _key(secret: str | bytes) -> bytes:
    return secret.encode() if isinstance(secret, str) else secret


def sign(payload: bytes, secret: str | bytes) -> str:
    """The `X-Miso-Signature` value for `payload` (what the server sends; handy in tests)."""
    digest = hmac.new(_key(secret), payload, hashlib.sha256).hexdigest()
    return f"{_PREFIX}{digest}"


def verify_signature(payload: bytes, signature: str | None, secret: str | bytes) -> bool:
    """Whether `signature` (the header's value) matches `payload` and `secret`.

    The comparison takes constant time, so response timing does not leak the expected value.
    """
    if not signature or not signature.startswith(_PREFIX):
        return False
    return hmac.compare_digest(sign(payload, secret).encode(), signature.strip().encode())


def parse_event(
    payload: bytes, headers_or_signature: Mapping[str, str] | str | None, secret: str | bytes
) -> WebhookEvent:
    """The delivery's `WebhookEvent`, after checking its signature; raises if it does not match.

    Pass the request's headers (any case-insensitive mapping, or a plain dict) or the
    signature header's value itself.
    """
    if isinstance(headers_or_signature, Mapping):
        signature = _header(headers_or_signature, SIGNATURE_HEADER)
    else:
        signature = headers_or_signature
    if not verify_signature(payload, signature, secret):
        raise WebhookSignatureError("webhook signature does not match the payload and secret")
    return WebhookEvent.from_dict(json.loads(payload))


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)
