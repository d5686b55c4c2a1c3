"""Bodies Connexion would mishandle get a clear 4xx first: over 1 MiB (413), JSON that is not
UTF-8 (Connexion answers 500, spec-first/connexion#1860), not JSON at all, nested too deeply or
holding an integer too long for Python to read (400), or sent too slowly (408)."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from miso_mock import parsed_body
from miso_mock.middleware._asgi import header, send_error

MAX_BODY_BYTES = 1024 * 1024
BODY_TIMEOUT_SECONDS = 30.0  # for the whole body, however it trickles in


class BodyGuardMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        declared = header(scope, b"content-length")
        # Compared as text first: int() refuses numbers of more than 4300 digits.
        if (
            declared
            and declared.isdigit()
            and (len(declared) > 18 or int(declared) > self.max_bytes)
        ):
            await send_error(send, 413, f"Request body exceeds {self.max_bytes} bytes")
            return
        try:
            async with asyncio.timeout(BODY_TIMEOUT_SECONDS):
                body = await self._read(receive)
        except TimeoutError:
            await send_error(
                send, 408, f"Request body not received within {BODY_TIMEOUT_SECONDS:g} s"
            )
            return
        if body is None:
            return
        if len(body) > self.max_bytes:
            await send_error(send, 413, f"Request body exceeds {self.max_bytes} bytes")
            return
        content_type = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if body and (content_type == "application/json" or content_type.endswith("+json")):
            problem, value = _parse_json(body)
            if problem:
                await send_error(send, 400, problem, [{"field": "body", "message": problem}])
                return
            parsed_body.keep(scope, value)
        await self.app(scope, _replay(body), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The body, None when the client left; reading stops just past `max_bytes`."""
        chunks: list[bytes] = []
        size = 0
        while size <= self.max_bytes:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


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
    except ValueError:  # the only other: an integer longer than Python converts
        return f"Malformed JSON: an integer over {sys.get_int_max_str_digits()} digits", None


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
