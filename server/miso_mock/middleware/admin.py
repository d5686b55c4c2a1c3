"""Mock administration outside the API: `POST /_mock/reset`, `GET`/`PUT /_mock/state`.

These wipe or replace everything, and the state holds every webhook's signing secret, so they
answer only the admin token (`Authorization: Bearer <token>`), except where nobody else can
reach them: a mock listening on loopback only, asked from loopback, by a client that is not a
web page (no `Origin`, no cross-site `Sec-Fetch-Site`) and that names a loopback host (a page
that rebinds its own name to 127.0.0.1 still sends its own name as `Host`).
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock import snapshots
from miso_mock.middleware._asgi import header, send_error
from miso_mock.runtime import Runtime

ALLOWED = {"/_mock/reset": ("POST",), "/_mock/state": ("GET", "PUT")}
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """`host` (a name or an address, IPv6 with or without brackets) is this machine only."""
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(host_header: str) -> str:
    """The name in a `Host` header, without its port."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")]
    return host_header.rpartition(":")[0] if host_header.count(":") == 1 else host_header


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send_json(send: Send, status: int, body: object) -> None:
    data = json.dumps(body).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class AdminMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime
        # Without a configured token nobody knows one: only the loopback allowance remains.
        self.token = runtime.options.admin_token or secrets.token_urlsafe(32)
        self.loopback_only = is_loopback(runtime.options.host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        if not self._allowed(scope):
            await send_error(
                send,
                401,
                "Mock administration needs the admin token (miso mock --admin-token): "
                "send Authorization: Bearer <admin token>",
                headers={"WWW-Authenticate": 'Bearer realm="miso-mock-admin"'},
            )
            return
        methods = ALLOWED.get(path)
        if methods is None:
            await send_error(send, 404, f"No mock administration endpoint {path}")
            return
        if scope["method"] not in methods:
            await send_error(send, 405, "Method not allowed", headers={"Allow": ", ".join(methods)})
            return
        if path == "/_mock/reset":
            self.runtime.reset()
            await _send_json(send, 200, {"message": "State reset to the start-up dataset"})
        elif scope["method"] == "GET":
            await _send_json(send, 200, self._export(scope))
        else:
            await self._import(receive, send)

    def _allowed(self, scope: Scope) -> bool:
        scheme, _, given = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and given:
            return secrets.compare_digest(given.strip().encode(), self.token.encode())
        client = scope.get("client")
        fetch_site = (header(scope, b"sec-fetch-site") or "none").lower()
        return (
            self.loopback_only
            and client is not None
            and is_loopback(client[0])
            and is_loopback(_host_name(header(scope, b"host") or ""))
            and header(scope, b"origin") is None
            and fetch_site in ("none", "same-origin")
        )

    def _export(self, scope: Scope) -> object:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        snapshot = self.runtime.store.snapshot()
        if query.get("secrets", ["false"])[-1].lower() in ("true", "1", "yes"):
            return snapshot
        return snapshots.without_secrets(snapshot)

    async def _import(self, receive: Receive, send: Send) -> None:
        raw = await _read_body(receive, MAX_SNAPSHOT_BYTES)
        if raw is None:
            await send_error(send, 413, "Snapshot exceeds 64 MiB")
            return
        try:
            snapshot = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            message = f"Not a snapshot from GET /_mock/state: {reason}"
            await send_error(send, 400, message, [{"field": "body", "message": reason}])
            return
        found = list(snapshots.problems(snapshot, self.runtime.contract))
        if found:
            details = [{"field": p.partition(":")[0], "message": p} for p in found]
            await send_error(
                send, 400, f"Not a snapshot from GET /_mock/state: {found[0]}", details[:50]
            )
            return
        self.runtime.reset(snapshot)
        await _send_json(send, 200, {"message": "State imported"})
