"""Bodies Connexion would mishandle get a clear 4xx first: over 1 MiB (413), JSON that is not
UTF-8 (Connexion answers 500, spec-first/connexion#1860) or not JSON at all (400)."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from miso_mock import parsed_body
from miso_mock.middleware._asgi import header, send_error

MAX_BODY_BYTES = 1024 * 1024


class BodyGuardMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            await send_error(send, 413, f"Request body exceeds {self.max_bytes} bytes")
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await send_error(send, 413, f"Request body exceeds {self.max_bytes} bytes")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        content_type = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if body and (content_type == "application/json" or content_type.endswith("+json")):
            problem, value = _parse_json(body)
            if problem:
                await send_error(send, 400, problem, [{"field": "body", "message": problem}])
                return
            parsed_body.keep(scope, value)
        await self.app(scope, _replay(body), send)


def _parse_json(body: bytes) -> tuple[str | None, Any]:
    """(None, the value) for a UTF-8 JSON body, else (what is wrong with it, None)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"Request body is not valid UTF-8 (byte {exc.start})", None
    try:
        return None, json.loads(text)
    except json.JSONDecodeError as exc:
        return f"Malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", None
    except RecursionError:
        return "Malformed JSON: nested too deeply", None


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
