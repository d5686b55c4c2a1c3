"""The proxy itself: an ASGI app that forwards each request to the upstream instance as it
came and streams the answer back as it comes (a log stream is never held back), keeping a copy
of both for the checks.

Judging happens on one worker thread after the answer has been passed on, so the checks add no
latency; with `errors=True` an answer is held until it is judged and a violating one is
replaced by a 502 that explains it. Event streams are never held back, not even then.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import zlib
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

import httpx
from starlette.types import Message, Receive, Scope, Send

from ._checks import HOP_BY_HOP, Judgement
from ._exchange import Exchange, Tee, next_id

TIMEOUT = httpx.Timeout(30.0, read=None)  # a log stream may stay quiet for a long time
STREAMED_MEDIA = ("text/event-stream",)
# Exchanges waiting to be judged before new ones are passed on unjudged (and counted): under a
# load test the checks cannot keep up with forwarding, and must not hold the memory of it.
MAX_BACKLOG = 2000
PROBLEM = "application/problem+json"


class Watcher(Protocol):
    """What the app tells about each exchange: when it was sent and answered (the rules
    order requests by it), and the whole exchange to judge (on the judging thread)."""

    def sent(self, exchange: Exchange) -> None: ...

    def answered(self, exchange: Exchange) -> None: ...

    def judge(self, exchange: Exchange) -> Judgement: ...

    def unjudged(self, exchange: Exchange) -> None: ...


class ProxyApp:
    def __init__(self, upstream: str, watcher: Watcher, *, errors: bool) -> None:
        self.upstream = upstream.rstrip("/")
        self.checker = watcher
        self.errors = errors
        self._client: httpx.AsyncClient | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="miso-proxy-checks")
        self._backlog = 0
        self._backlog_lock = threading.Lock()

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            limits = httpx.Limits(max_connections=None, max_keepalive_connections=64)
            self._client = httpx.AsyncClient(timeout=TIMEOUT, limits=limits, follow_redirects=False)
        return self._client

    def drain(self) -> None:
        """Wait for every exchange seen so far to be judged, and stop the judging thread."""
        self._pool.shutdown(wait=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- one exchange -------------------------------------------------------------------------

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = Exchange(
            id=next_id(),
            method=scope["method"],
            path=scope["path"],
            query=scope.get("query_string", b"").decode("latin-1"),
            request_headers=[
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]
            ],
        )
        raw_path = scope.get("raw_path") or scope["path"].encode()
        url = self.upstream + raw_path.decode("latin-1")
        if exchange.query:
            url += f"?{exchange.query}"
        has_body = any(
            name.lower() in ("content-length", "transfer-encoding")
            for name, _ in exchange.request_headers
        )
        request_tee = Tee()
        body_done = asyncio.Event()
        request = self.client.build_request(
            exchange.method,
            url,
            headers=[
                (name, value)
                for name, value in exchange.request_headers
                if name.lower() not in HOP_BY_HOP and name.lower() != "host"
            ],
            content=_request_body(receive, request_tee, body_done) if has_body else None,
        )
        if not has_body:
            body_done.set()
        started = time.monotonic()
        self.checker.sent(exchange)
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            exchange.status = 502
            self.checker.answered(exchange)
            await _problem(
                send,
                502,
                "The upstream instance did not answer",
                f"{type(exc).__name__}: {exc}",
                [],
            )
            return
        exchange.elapsed = time.monotonic() - started
        exchange.request_body, exchange.request_complete = request_tee.value(), request_tee.complete
        exchange.status, exchange.reason = response.status_code, response.reason_phrase
        exchange.response_headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
        ]
        self.checker.answered(exchange)
        headers = [
            (k, v) for k, v in response.headers.raw if k.decode("latin-1").lower() not in HOP_BY_HOP
        ]
        streamed = _is_stream(exchange.response_header("content-type"))
        try:
            if self.errors and not streamed:
                await self._held(exchange, response, headers, send)
            else:
                await self._streamed(exchange, response, headers, receive, send, body_done)
        finally:
            await response.aclose()

    async def _streamed(
        self,
        exchange: Exchange,
        response: httpx.Response,
        headers: list[tuple[bytes, bytes]],
        receive: Receive,
        send: Send,
        body_done: asyncio.Event,
    ) -> None:
        """Pass the answer on chunk by chunk; stop when the client goes away."""
        tee = Tee()

        async def relay() -> None:
            await send(
                {"type": "http.response.start", "status": exchange.status, "headers": headers}
            )
            async for chunk in response.aiter_raw():
                tee.add(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})

        relaying = asyncio.ensure_future(relay())
        watching = asyncio.ensure_future(_disconnected(receive, body_done))
        try:
            done, _ = await asyncio.wait({relaying, watching}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            watching.cancel()
            if not relaying.done():
                relaying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await relaying
        exchange.response_body = _decoded(tee.value(), exchange.response_header("content-encoding"))
        exchange.response_complete = tee.complete and relaying in done and not relaying.cancelled()
        if self._backlog >= MAX_BACKLOG:
            self.checker.unjudged(exchange)
            return
        self._judge_later(exchange)

    async def _held(
        self,
        exchange: Exchange,
        response: httpx.Response,
        headers: list[tuple[bytes, bytes]],
        send: Send,
    ) -> None:
        """`--errors`: hold the answer until it is judged; a violating one becomes a 502."""
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
        exchange.response_body = _decoded(raw, exchange.response_header("content-encoding"))
        loop = asyncio.get_running_loop()
        judgement = await asyncio.wrap_future(self._judge_later(exchange), loop=loop)
        if judgement.findings:
            violations = [
                {
                    "check": f.check,
                    "operation": f.operation,
                    "title": f.title,
                    "message": f.message,
                }
                for f in judgement.findings
            ]
            checks = ", ".join(dict.fromkeys(f.check for f in judgement.findings))
            detail = (
                f"{exchange.method} {exchange.path} answered {exchange.status}, which breaks "
                f"the Miso contract ({checks}); the original answer was withheld"
            )
            await _problem(send, 502, "The answer breaks the Miso contract", detail, violations)
            return
        await send({"type": "http.response.start", "status": exchange.status, "headers": headers})
        await send({"type": "http.response.body", "body": raw})

    def _judge_later(self, exchange: Exchange) -> Future[Judgement]:
        with self._backlog_lock:
            self._backlog += 1
        future = self._pool.submit(self.checker.judge, exchange)
        future.add_done_callback(self._judged)
        return future

    def _judged(self, _: Future[Judgement]) -> None:
        with self._backlog_lock:
            self._backlog -= 1


async def _request_body(receive: Receive, tee: Tee, done: asyncio.Event) -> AsyncIterator[bytes]:
    """The client's body, passed on chunk by chunk as it arrives."""
    try:
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            if chunk:
                tee.add(chunk)
                yield chunk
            if not message.get("more_body", False):
                return
    finally:
        done.set()


async def _disconnected(receive: Receive, body_done: asyncio.Event) -> None:
    """Returns when the client hangs up (read only once its body has been passed on)."""
    await body_done.wait()
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            return


def _is_stream(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media in STREAMED_MEDIA


def _decoded(raw: bytes, encoding: str | None) -> bytes:
    """The body as the checks read it: gzip and deflate undone (the client got it as sent)."""
    encoding = (encoding or "").strip().lower()
    try:
        if encoding == "gzip":
            return zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        if encoding == "deflate":
            return zlib.decompress(raw)
    except zlib.error:
        return b""
    return raw


async def _problem(
    send: Send, status: int, title: str, detail: str, violations: list[dict[str, Any]]
) -> None:
    """An answer of the proxy's own, as RFC 9457 problem details (it is not the API talking)."""
    body = {"title": title, "status": status, "detail": detail}
    if violations:
        body["violations"] = violations
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM.encode()),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
