"""Shared ASGI helpers: send a JSON error envelope, add headers to a response on its way out."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.types import Message, Scope, Send

from miso_mock.errors import Details, envelope_bytes


async def send_error(
    send: Send,
    status: int,
    message: str,
    details: Details = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Answer with the reference's error envelope."""
    body = envelope_bytes(status, message, details)
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def with_headers(send: Send, extra: Callable[[int], Mapping[str, str]]) -> Send:
    """Wrap `send` so the response start gets `extra(status)` headers (replacing same names)."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            added = {k.lower().encode(): v.encode() for k, v in extra(message["status"]).items()}
            kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in added]
            message = {**message, "headers": [*kept, *added.items()]}
        await send(message)

    return wrapped


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def is_tooling_path(path: str) -> bool:
    """Paths outside the API: mock administration, docs, SDK downloads and the served spec."""
    return path.startswith(("/_mock/", "/api/docs", "/api/sdk")) or path in (
        "/api/v1/openapi.json",
        "/api/v1/openapi.yaml",
    )
