"""Mock administration outside the API: `POST /_mock/reset`, `GET`/`PUT /_mock/state`."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.middleware._asgi import send_error
from miso_mock.runtime import Runtime

ALLOWED = {"/_mock/reset": ("POST",), "/_mock/state": ("GET", "PUT")}
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024


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
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class AdminMiddleware:
    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/_mock/"):
            await self.app(scope, receive, send)
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
            await _send_json(send, 200, self.runtime.store.snapshot())
        else:
            await self._import(receive, send)

    async def _import(self, receive: Receive, send: Send) -> None:
        raw = await _read_body(receive, MAX_SNAPSHOT_BYTES)
        if raw is None:
            await send_error(send, 413, "Snapshot exceeds 64 MiB")
            return
        try:
            snapshot = json.loads(raw.decode("utf-8"))
            if not isinstance(snapshot, dict):
                raise ValueError("a snapshot is a JSON object")
            self.runtime.reset(snapshot)
        except (UnicodeDecodeError, ValueError, TypeError) as exc:
            await send_error(send, 400, f"Not a snapshot from GET /_mock/state: {exc}")
            return
        await _send_json(send, 200, {"message": "State imported"})
