"""Deliberately broken Miso servers: the mock app behind a proxy that breaks the contract in
exactly one way, for one operation, so each test knows which check must catch it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]
Response = tuple[int, Headers, bytes]
ERROR_BODY = b'{"error": {"code": "INTERNAL_ERROR", "message": "injected fault"}}'
JSON = [(b"content-type", b"application/json")]


async def exchange(app: ASGIApp, scope: Scope, receive: Receive) -> Response:
    """Run one request through `app` and return its whole response."""
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start["status"], list(start.get("headers", [])), b"".join(chunks)


async def _respond(send: Send, status: int, headers: Headers, body: bytes) -> None:
    kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers = [*kept, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _is(scope: Scope, method: str, path: str) -> bool:
    return (
        scope["type"] == "http"
        and scope["method"] == method
        and re.fullmatch(path, scope["path"]) is not None
    )


def rewrite_responses(
    app: ASGIApp, method: str, path: str, rewrite: Callable[[int, Headers, bytes], Response]
) -> ASGIApp:
    """Pass requests through; rewrite the responses to `method` on paths matching `path`."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, method, path):
            await app(scope, receive, send)
            return
        await _respond(send, *rewrite(*await exchange(app, scope, receive)))

    return proxy


def _json(change: Callable[[Any], Any]) -> Callable[[int, Headers, bytes], Response]:
    """Apply `change` to a 2xx JSON body."""

    def rewrite(status: int, headers: Headers, body: bytes) -> Response:
        if not 200 <= status < 300 or not body:
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return rewrite


def missing_required_field(app: ASGIApp) -> ASGIApp:
    """getEnvironment answers without the required `name`."""
    return rewrite_responses(
        app,
        "GET",
        "/api/v1/environments/[^/]+",
        _json(lambda body: {key: value for key, value in body.items() if key != "name"}),
    )


def wrong_field_type(app: ASGIApp) -> ASGIApp:
    """listUsers gives the number of users as a string."""
    return rewrite_responses(
        app,
        "GET",
        "/api/v1/users",
        _json(lambda body: {**body, "pagination": {**body["pagination"], "total": "many"}}),
    )


def undocumented_status(app: ASGIApp) -> ASGIApp:
    """getEnvironment answers 410 Gone where the contract documents 404."""

    def gone(status: int, headers: Headers, body: bytes) -> Response:
        return (410 if status == 404 else status), headers, body

    return rewrite_responses(app, "GET", "/api/v1/environments/[^/]+", gone)


def wrong_content_type(app: ASGIApp) -> ASGIApp:
    """getHealth sends its JSON as text/plain."""

    def as_text(status: int, headers: Headers, body: bytes) -> Response:
        kept = [(k, v) for k, v in headers if k.lower() != b"content-type"]
        return status, [*kept, (b"content-type", b"text/plain")], body

    return rewrite_responses(app, "GET", "/api/v1/health", as_text)


def missing_response_header(app: ASGIApp) -> ASGIApp:
    """listEnvironments leaves out the documented X-RateLimit-Remaining header."""

    def drop(status: int, headers: Headers, body: bytes) -> Response:
        return status, [(k, v) for k, v in headers if k.lower() != b"x-ratelimit-remaining"], body

    return rewrite_responses(app, "GET", "/api/v1/environments", drop)


def server_error_on_input(app: ASGIApp) -> ASGIApp:
    """listUsers crashes (500) for any page after the first."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        page = re.search(rb"(?:^|&)page=(\d+)", scope.get("query_string", b""))
        if _is(scope, "GET", "/api/v1/users") and page and int(page.group(1)) >= 2:
            await _respond(send, 500, JSON, ERROR_BODY)
            return
        await app(scope, receive, send)

    return proxy


def invalid_input_accepted(app: ASGIApp) -> ASGIApp:
    """listUsers answers a query it should refuse (`limit=0`, `page=-1`) as if there were none;
    valid queries are served as they should be, so only schema-violating requests show it."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, "GET", "/api/v1/users"):
            await app(scope, receive, send)
            return
        status, headers, body = await exchange(app, scope, receive)
        if status == 400:

            async def no_body() -> Message:
                return {"type": "http.request", "body": b"", "more_body": False}

            status, headers, body = await exchange(app, {**scope, "query_string": b""}, no_body)
        await _respond(send, status, headers, body)

    return proxy


def auth_not_enforced(app: ASGIApp, valid_token: str) -> ASGIApp:
    """listEnvironments answers whatever credentials come (the proxy puts in valid ones)."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "GET", "/api/v1/environments"):
            headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
            headers.append((b"authorization", f"Bearer {valid_token}".encode()))
            scope = {**scope, "headers": headers}
        await app(scope, receive, send)

    return proxy


def deleted_still_served(app: ASGIApp) -> ASGIApp:
    """getWebhook keeps serving a webhook after it was deleted."""
    served: dict[str, bytes] = {}

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, "GET", "/api/v1/webhooks/[^/]+"):
            await app(scope, receive, send)
            return
        webhook_id = scope["path"].rsplit("/", 1)[1]
        status, headers, body = await exchange(app, scope, receive)
        if status == 200:
            served[webhook_id] = body
        elif status == 404 and webhook_id in served:
            status, body = 200, served[webhook_id]
        await _respond(send, status, headers, body)

    return proxy


def created_not_found(app: ASGIApp) -> ASGIApp:
    """getWebhook answers 404 even for a webhook that was just created."""

    def lost(status: int, headers: Headers, body: bytes) -> Response:
        message = b'{"error": {"code": "RESOURCE_NOT_FOUND", "message": "lost"}}'
        return (404, headers, message) if status == 200 else (status, headers, body)

    return rewrite_responses(app, "GET", "/api/v1/webhooks/[^/]+", lost)


def failing_delete(app: ASGIApp) -> ASGIApp:
    """deleteWebhook always fails, so a run cannot remove the webhooks it created."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "DELETE", "/api/v1/webhooks/[^/]+"):
            await _respond(send, 500, JSON, ERROR_BODY)
            return
        await app(scope, receive, send)

    return proxy


class Recorder:
    """Passes everything through and remembers (method, path) of each request it saw."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.requests: list[tuple[str, str]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.requests.append((scope["method"], scope["path"]))
        await self.app(scope, receive, send)
