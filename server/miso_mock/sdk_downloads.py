"""SDK downloads beside the API docs: `GET /api/sdk/` lists them, `GET /api/sdk/<sdk>/<file>`
serves a package, built on first request (see `sdk_packages`) while the mock goes on serving."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from miso_mock.auth import DEV_CLIENTS
from miso_mock.middleware._asgi import send_error
from miso_mock.sdk_packages import BuildError, Sdk, built, discover
from miso_mock.served_spec import request_origin

PREFIX = "/api/sdk"
METHODS = ("GET", "HEAD")
CHUNK = 64 * 1024


def download_path(sdk: Sdk, filename: str) -> str:
    return f"{PREFIX}/{sdk.name}/{filename}"


def snippets(sdk: Sdk, base: str) -> dict[str, str]:
    """The SDK's install and usage snippets, for a mock at `base` and its first dev client."""
    client = DEV_CLIENTS[0]
    values = {
        "base": base,
        "url": base + download_path(sdk, sdk.artifacts[0].filename),
        "client_id": client.client_id,
        "client_secret": client.secret,
    }
    return {"install": sdk.install.format(**values), "usage": sdk.usage.format(**values)}


def describe(sdk: Sdk, base: str) -> dict[str, Any]:
    """One entry of the listing."""
    return {
        "name": sdk.name,
        "language": sdk.language,
        "version": sdk.version,
        "files": [
            {
                "name": artifact.filename,
                "description": artifact.description,
                "url": base + download_path(sdk, artifact.filename),
            }
            for artifact in sdk.artifacts
        ],
        **snippets(sdk, base),
        "usage_language": sdk.usage_language,
    }


class SdkDownloads:
    """The SDKs found at start-up, and one build at a time per SDK."""

    def __init__(self, sdks: tuple[Sdk, ...] | None = None, cache: Path | None = None) -> None:
        self.sdks = {sdk.name: sdk for sdk in (discover() if sdks is None else sdks)}
        self._cache = cache
        self._locks: dict[str, asyncio.Lock] = {}

    def listing(self, base: str) -> list[dict[str, Any]]:
        return [describe(sdk, base) for sdk in self.sdks.values()]

    async def directory(self, sdk: Sdk) -> Path:
        """Where `sdk`'s built files are; builds in a worker thread, callers share the build."""
        lock = self._locks.setdefault(sdk.name, asyncio.Lock())
        async with lock:
            return await asyncio.to_thread(built, sdk, self._cache)


async def _send_json(send: Send, body: object) -> None:
    data = json.dumps(body, indent=2).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": data})


async def _send_file(send: Send, path: Path, media_type: str, head: bool) -> None:
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(path.stat().st_size).encode()),
        (b"cache-control", b"no-cache"),
    ]
    if not media_type.startswith("text/"):
        headers.append((b"content-disposition", f'attachment; filename="{path.name}"'.encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    if head:
        await send({"type": "http.response.body", "body": b""})
        return
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": b""})


class SdkDownloadsMiddleware:
    """Answers under `/api/sdk`; everything else goes on to the app."""

    def __init__(self, app: ASGIApp, downloads: SdkDownloads | None = None) -> None:
        self.app = app
        self.downloads = downloads or SdkDownloads()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in METHODS:
            await send_error(send, 405, "Method not allowed", headers={"Allow": ", ".join(METHODS)})
            return
        await self._serve(scope, path.removeprefix(PREFIX).strip("/"), send)

    async def _serve(self, scope: Mapping[str, Any], rest: str, send: Send) -> None:
        if rest == "":
            base = request_origin(scope)
            await _send_json(send, {"sdks": self.downloads.listing(base)})
            return
        name, _, filename = rest.partition("/")
        sdk = self.downloads.sdks.get(name)
        artifact = sdk.artifact(filename) if sdk is not None else None
        if sdk is None or artifact is None:
            known = ", ".join(self.downloads.sdks) or "none in this installation"
            await send_error(send, 404, f"No SDK download {rest!r} (SDKs: {known}; see {PREFIX}/)")
            return
        try:
            directory = await self.downloads.directory(sdk)
        except BuildError as exc:
            await send_error(send, 503, f"The {sdk.name} SDK could not be built: {exc}")
            return
        await _send_file(send, directory / filename, artifact.media_type, scope["method"] == "HEAD")
