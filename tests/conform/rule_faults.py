"""Mock variants that break one of the reference's rules and nothing else: every response
still matches its schema, so only a Miso check can tell."""

from __future__ import annotations

import base64
import contextlib
import json
import math
import re
import time
from collections.abc import Callable
from typing import Any

import miso_contract
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tests.conform.faults import Headers, Response, _is, exchange, rewrite_responses
from tests.support.servers import DEV_CLIENT

Body = Any


def _body(change: Callable[[Body], Body], statuses: range = range(200, 300)) -> Any:
    """A response rewrite applying `change` to JSON bodies of the given statuses."""

    def rewrite(status: int, headers: Headers, body: bytes) -> Response:
        if status not in statuses or not body:
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return rewrite


def _headers(change: Callable[[dict[str, str]], dict[str, str]]) -> Any:
    def rewrite(status: int, headers: Headers, body: bytes) -> Response:
        named = {k.decode().lower(): v.decode() for k, v in headers}
        changed = change(dict(named))
        kept = [(k, v) for k, v in headers if k.decode().lower() not in changed]
        return status, kept + [(k.encode(), v.encode()) for k, v in changed.items()], body

    return rewrite


# -- pagination --------------------------------------------------------------------------


def repeats_first_page(app: ASGIApp) -> ASGIApp:
    """listUsers serves the first page's items again on every later page: each page is
    consistent on its own, but walking them yields fewer distinct users than `total`."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"").decode()
        page = re.search(r"(?:^|&)page=(\d+)", query)
        if not _is(scope, "GET", "/api/v1/users") or not page or int(page.group(1)) < 2:
            await app(scope, receive, send)
            return
        first = re.sub(r"(^|&)page=\d+", r"\1page=1", query)
        _, _, first_body = await _exchange(app, {**scope, "query_string": first.encode()})
        status, headers, body = await _exchange(app, scope, receive)
        if status == 200:
            answer = json.loads(body)
            answer["data"] = json.loads(first_body)["data"][: len(answer["data"])]
            body = json.dumps(answer).encode()
        await _respond(send, status, headers, body)

    return proxy


def pages_off_by_one(app: ASGIApp) -> ASGIApp:
    """listUsers counts one page more than ceil(total / limit) (and `has_next` agrees)."""

    def change(body: Body) -> Body:
        p = body["pagination"]
        pages = math.ceil(p["total"] / p["limit"]) + 1
        return {**body, "pagination": {**p, "pages": pages, "has_next": p["page"] < pages}}

    return rewrite_responses(app, "GET", "/api/v1/users", _body(change))


# -- filters and sorting -------------------------------------------------------------------


def ignores_role_filter(app: ASGIApp) -> ASGIApp:
    """listUsers drops a valid `role` from the query: every user is listed whatever role is
    asked. Only a valid one is dropped, so what is rejected stays rejected."""
    valid = {f"role={role}" for role in miso_contract.bundle().enum("UserRole")}

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "GET", "/api/v1/users"):
            query = scope.get("query_string", b"").decode()
            kept = "&".join(p for p in query.split("&") if p and p not in valid)
            scope = {**scope, "query_string": kept.encode()}
        await app(scope, receive, send)

    return proxy


def reverses_order(app: ASGIApp) -> ASGIApp:
    """listUsers returns each page in the opposite order to the one asked for."""
    return rewrite_responses(
        app, "GET", "/api/v1/users", _body(lambda b: {**b, "data": b["data"][::-1]})
    )


# -- writes ----------------------------------------------------------------------------------


def ignores_description_on_update(app: ASGIApp) -> ASGIApp:
    """updateApplication keeps the old `description` (and answers 200). Only a valid one is
    dropped, and only beside other fields, so what is rejected stays rejected."""

    def drop(body: Body) -> Body:
        text = body.get("description") if isinstance(body, dict) else None
        if not isinstance(text, str) or len(text) > 1024 or len(body) < 2:
            return body
        return {key: value for key, value in body.items() if key != "description"}

    return rewrite_requests(app, "PUT", "/api/v1/applications/[^/]+", drop)


def delete_does_nothing(app: ASGIApp) -> ASGIApp:
    """deleteWebhook answers 200 with the documented body but removes nothing.

    Credentials and the id are still judged by the mock, on a DELETE of an id of the same
    length that does not exist: only where that gets 404 is the real webhook looked up."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, "DELETE", "/api/v1/webhooks/[^/]+"):
            await app(scope, receive, send)
            return
        prefix, webhook_id = scope["path"].rsplit("/", 1)
        ghost = {**scope, "path": f"{prefix}/{'~' * len(webhook_id)}", "raw_path": None}
        status, headers, body = await _exchange(app, ghost, receive)
        if status == 404:
            status, headers, body = await _exchange(app, {**scope, "method": "GET"})
            if status == 200:
                body = json.dumps({"id": webhook_id, "message": "Webhook deleted"}).encode()
        await _respond(send, status, headers, body)

    return proxy


# -- error envelope --------------------------------------------------------------------------


def wrong_error_code(app: ASGIApp) -> ASGIApp:
    """getEnvironment's 404 says VALIDATION_ERROR (a valid code, for the wrong status)."""

    def change(body: Body) -> Body:
        return {"error": {**body["error"], "code": "VALIDATION_ERROR"}}

    return rewrite_responses(
        app, "GET", "/api/v1/environments/[^/]+", _body(change, range(404, 405))
    )


def request_id_mismatch(app: ASGIApp) -> ASGIApp:
    """getEnvironment's errors carry a request_id other than their X-Request-ID header."""

    def change(body: Body) -> Body:
        return {"error": {**body["error"], "request_id": "req-somebody-else"}}

    return rewrite_responses(
        app, "GET", "/api/v1/environments/[^/]+", _body(change, range(400, 600))
    )


# -- rate-limit headers ----------------------------------------------------------------------


def remaining_above_limit(app: ASGIApp) -> ASGIApp:
    """getHealth says one request more remains than the limit allows."""

    def change(named: dict[str, str]) -> dict[str, str]:
        return {"x-ratelimit-remaining": str(int(named["x-ratelimit-limit"]) + 1)}

    return rewrite_responses(app, "GET", "/api/v1/health", _headers(change))


def remaining_stuck(app: ASGIApp) -> ASGIApp:
    """getHealth always says the same number of requests remains."""

    def change(named: dict[str, str]) -> dict[str, str]:
        return {"x-ratelimit-remaining": str(int(named["x-ratelimit-limit"]) - 1)}

    return rewrite_responses(app, "GET", "/api/v1/health", _headers(change))


def reset_in_the_past(app: ASGIApp) -> ASGIApp:
    """getHealth's window ended two minutes ago, it says."""

    def change(named: dict[str, str]) -> dict[str, str]:
        return {"x-ratelimit-reset": str(int(time.time()) - 120)}

    return rewrite_responses(app, "GET", "/api/v1/health", _headers(change))


# -- permissions -----------------------------------------------------------------------------


def viewer_may_create_webhooks(app: ASGIApp, dev_token: str) -> ASGIApp:
    """createWebhook lets the viewer client (miso:read only) through as if it were dev."""
    return _as_client(app, "POST", "/api/v1/webhooks", "miso-viewer", dev_token)


def viewer_refused_environments(app: ASGIApp) -> ASGIApp:
    """listEnvironments refuses the viewer client, though it holds miso:read."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "GET", "/api/v1/environments") and _client_id(scope) == "miso-viewer":
            _, headers, _ = await _exchange(app, scope, receive)
            body = {
                "error": {
                    "code": "AUTHORIZATION_ERROR",
                    "message": "Insufficient permissions",
                    "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "request_id": _header(headers, "x-request-id"),
                }
            }
            await _respond(send, 403, headers, json.dumps(body).encode())
            return
        await app(scope, receive, send)

    return proxy


def dev_token(app: ASGIApp) -> str:
    from miso_toolkit.conform._http import AsgiClient

    client = AsgiClient(app, "http://testserver")
    body = {"client_id": DEV_CLIENT[0], "client_secret": DEV_CLIENT[1]}
    reply = client.request(
        "POST", "/auth/token", json_body={**body, "grant_type": "client_credentials"}
    )
    return str(reply.json()["access_token"])


def _as_client(app: ASGIApp, method: str, path: str, client: str, token: str) -> ASGIApp:
    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, method, path) and _client_id(scope) == client:
            scope = {**scope, "headers": _with_authorization(scope, token)}
        await app(scope, receive, send)

    return proxy


def _client_id(scope: Scope) -> str | None:
    """The `client_id` claim of the request's bearer token (read, not verified)."""
    authorization = _header(scope["headers"], "authorization") or ""
    try:
        payload = authorization.split()[-1].split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    return claims.get("client_id") if isinstance(claims, dict) else None


def _with_authorization(scope: Scope, token: str) -> Headers:
    kept = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
    return [*kept, (b"authorization", f"Bearer {token}".encode())]


def _header(headers: Headers, name: str) -> str | None:
    return next((v.decode() for k, v in headers if k.decode().lower() == name), None)


# -- plumbing --------------------------------------------------------------------------------


def rewrite_requests(
    app: ASGIApp, method: str, path: str, change: Callable[[Body], Body]
) -> ASGIApp:
    """Apply `change` to the JSON body of requests to `method` on paths matching `path`."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, method, path):
            await app(scope, receive, send)
            return
        body = await _read_body(receive)
        with contextlib.suppress(ValueError, AttributeError):
            body = json.dumps(change(json.loads(body))).encode()
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await app({**scope, "headers": headers}, _replay(body, receive), send)

    return proxy


async def _read_body(receive: Receive) -> bytes:
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _exchange(app: ASGIApp, scope: Scope, receive: Receive | None = None) -> Response:
    """One request through `app` (with an empty body unless `receive` is given)."""
    return await exchange(app, scope, receive or _replay(b"", _never))


async def _never() -> Message:
    return {"type": "http.disconnect"}


async def _respond(send: Send, status: int, headers: Headers, body: bytes) -> None:
    kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [*kept, (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
