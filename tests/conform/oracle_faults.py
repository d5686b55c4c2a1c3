"""Mocks broken in one way that only the oracle sees: every answer still fits its schema, every
status is documented; what breaks is behaviour (a lifecycle, an update, a list, a delete)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from tests.conform.faults import JSON, Headers, _is, _json, _respond, exchange
from tests.conform.faults import rewrite_responses as rewrite
from tests.conform.rule_faults import rewrite_requests

DEPLOYMENT = "/api/v1/deployments/[^/]+"
APPLICATION = "/api/v1/applications/[^/]+"
APPLICATIONS = "/api/v1/applications"


def _running(deployment: dict[str, Any]) -> dict[str, Any]:
    return {**deployment, "status": "in_progress", "completed_at": None, "duration": None}


def deployment_never_ends(app: ASGIApp) -> ASGIApp:
    """getDeployment shows every deployment still rolling out, however long it has ended."""
    return rewrite(app, "GET", DEPLOYMENT, _json(_running))


def deployment_status_goes_back(app: ASGIApp) -> ASGIApp:
    """getDeployment answers an ended deployment as ended, then as rolling out again on every
    other read."""
    reads: dict[str, int] = {}

    def flip(deployment: dict[str, Any]) -> dict[str, Any]:
        if deployment.get("completed_at") is None:
            return deployment
        count = reads[deployment["id"]] = reads.get(deployment["id"], 0) + 1
        return _running(deployment) if count % 2 == 0 else deployment

    return rewrite(app, "GET", DEPLOYMENT, _json(flip))


def _without(name: str) -> Callable[[Any], Any]:
    def drop(body: Any) -> Any:
        if isinstance(body, dict) and len(body) > 1:
            return {k: v for k, v in body.items() if k != name}
        return body

    return drop


def update_drops_description(app: ASGIApp) -> ASGIApp:
    """updateApplication answers 200 but never stores a new `description`."""
    return rewrite_requests(app, "PUT", APPLICATION, _without("description"))


def create_ignores_description(app: ASGIApp) -> ASGIApp:
    """createApplication stores every application with the default `description`."""
    return rewrite_requests(app, "POST", APPLICATIONS, _without("description"))


def _query_rewritten(
    app: ASGIApp, path: str, change: Callable[[list[tuple[str, str]]], Any]
) -> Any:
    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "GET", path):
            pairs = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
            scope = {**scope, "query_string": urlencode(change(pairs)).encode()}
        await app(scope, receive, send)

    return proxy


def list_filter_ignored(app: ASGIApp) -> ASGIApp:
    """listApplications answers as if no `status` had been given."""
    return _query_rewritten(app, APPLICATIONS, lambda q: [(k, v) for k, v in q if k != "status"])


def list_sort_reversed(app: ASGIApp) -> ASGIApp:
    """listApplications sorts by name in the opposite direction to the one asked for."""
    swap = {"name:asc": "name:desc", "name:desc": "name:asc"}
    return _query_rewritten(
        app, APPLICATIONS, lambda q: [(k, swap.get(v, v) if k == "sort" else v) for k, v in q]
    )


def list_page_ignored(app: ASGIApp) -> ASGIApp:
    """listApplications always answers the first page (and says it is the page asked for)."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, "GET", APPLICATIONS):
            await app(scope, receive, send)
            return
        pairs = parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True)
        asked = dict(pairs).get("page")
        first = urlencode([(k, v) for k, v in pairs if k != "page"]).encode()
        status, headers, body = await exchange(app, {**scope, "query_string": first}, receive)
        if status == 200 and asked:
            answer = json.loads(body)
            paging = answer["pagination"]
            page = int(asked)
            paging.update(page=page, has_prev=page > 1, has_next=page < paging["pages"])
            body = json.dumps(answer).encode()
        await _respond(send, status, headers, body)

    return proxy


def delete_keeps_record(app: ASGIApp) -> ASGIApp:
    """deleteApplication confirms the deletion and deletes nothing."""

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if not _is(scope, "DELETE", APPLICATION):
            await app(scope, receive, send)
            return
        identity = scope["path"].rsplit("/", 1)[1]
        status, headers, body = await exchange(
            app, {**scope, "method": "GET", "query_string": b""}, receive
        )
        if status != 200:
            await _respond(send, status, headers, body)
            return
        confirmation = {"message": "Application deleted successfully", "id": identity}
        await _respond(send, 200, [*_plain(headers), *JSON], json.dumps(confirmation).encode())

    return proxy


def _plain(headers: Headers) -> Headers:
    return [(k, v) for k, v in headers if k.lower() != b"content-type"]


def deployments_rate_limited(app: ASGIApp) -> ASGIApp:
    """createDeployment always answers 429 (a limit of its own, that never frees up)."""
    limited = (
        b'{"error": {"code": "RATE_LIMIT_EXCEEDED", "message": "too many deployments",'
        b' "request_id": "req-1"}}'
    )

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "POST", "/api/v1/applications/[^/]+/deployments"):
            await _respond(send, 429, [*JSON, (b"retry-after", b"0")], limited)
            return
        await app(scope, receive, send)

    return proxy


def update_without_request_id(app: ASGIApp) -> ASGIApp:
    """updateApplication answers without the X-Request-ID header the spec describes."""

    def drop(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        return status, [(k, v) for k, v in headers if k.lower() != b"x-request-id"], body

    return rewrite(app, "PUT", APPLICATION, drop)


def environments_of_its_own(app: ASGIApp) -> ASGIApp:
    """An instance whose environments are not the mock's: creating an application in the
    spec's example environment gets 422, as the spec says it must."""
    refused = (
        b'{"error": {"code": "VALIDATION_ERROR", "message": "no environment named production",'
        b' "request_id": "req-1"}}'
    )

    async def proxy(scope: Scope, receive: Receive, send: Send) -> None:
        if _is(scope, "POST", APPLICATIONS):
            await _respond(send, 422, JSON, refused)
            return
        await app(scope, receive, send)

    return proxy
