"""Prism-compatible response selection: `Prefer: code=404` or `Prefer: example=NAME` answers
with that documented response and its example, after security and validation have passed."""

from __future__ import annotations

import json
import re
from typing import Any

from connexion.middleware.abstract import ROUTING_CONTEXT
from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import clock
from miso_mock.context import current, request_id
from miso_mock.middleware._asgi import header, send_error

_PREFERENCE = re.compile(r"(code|example)\s*=\s*\"?([^\",;\s]+)\"?")


def _examples(response: dict[str, Any]) -> dict[str, Any]:
    """Named examples of a response's JSON body (an unnamed `example` is called `default`)."""
    media = response.get("content", {}).get("application/json", {})
    named = {name: ex["value"] for name, ex in media.get("examples", {}).items() if "value" in ex}
    if "example" in media:
        named.setdefault("default", media["example"])
    return named


def _choose(responses: dict[str, Any], kind: str, value: str) -> tuple[int, Any] | str:
    """(status, body) for the preference, or why it cannot be met."""
    if kind == "code":
        if value not in responses:
            return f"no documented {value} response; documented: {', '.join(responses)}"
        examples = _examples(responses[value])
        return int(value), next(iter(examples.values()), None)
    for status, response in responses.items():
        examples = _examples(response)
        if value in examples:
            return int(status), examples[value]
    return f"no documented example named {value}"


class PreferMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        prefer = header(scope, b"prefer") if scope["type"] == "http" else None
        match = _PREFERENCE.search(prefer or "")
        if match is None:
            await self.app(scope, receive, send)
            return
        operation_id = scope.get("extensions", {}).get(ROUTING_CONTEXT, {}).get("operation_id")
        operation = current().routes.operation(operation_id)
        if operation is None:
            await self.app(scope, receive, send)
            return
        responses = current().contract.responses(operation)
        choice = _choose(responses, match.group(1), match.group(2))
        if isinstance(choice, str):
            await send_error(
                send,
                400,
                f"Cannot honour Prefer: {choice}",
                [{"field": "Prefer", "message": choice}],
            )
            return
        status, body = choice
        headers: list[tuple[bytes, bytes]] = []
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            # An error example speaks for this request: its id and the current time.
            body = {
                "error": {**body["error"], "request_id": request_id.get(), "timestamp": clock.iso()}
            }
        declared = responses[str(status)].get("headers", {})
        if "Retry-After" in declared:
            headers.append((b"retry-after", b"1"))
        data = b"" if body is None else json.dumps(body).encode()
        if body is not None:
            headers.append((b"content-type", b"application/json"))
        headers.append((b"content-length", str(len(data)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": data})
