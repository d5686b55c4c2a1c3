"""A real HTTP endpoint for the webhook deliveries an instance sends during a run.

It records every request that reaches its own path exactly as it arrived (raw body, headers
in order), so the signature can be checked over the very bytes that were sent. One delivery
is refused on purpose: the first attempt of the first delivery that arrives is answered with a
5xx, so the run can see whether the instance retries it. Everything else gets a 2xx.

The server is the standard library's threaded one: it has no event loop to share with the run
and stops cleanly from another thread.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

REFUSED_STATUS = 503  # what the first attempt of the probed delivery is answered with
ACCEPTED_STATUS = 200
MAX_BODY_BYTES = 1 << 20  # a delivery larger than this is recorded cut short
DEFAULT_HOST = "127.0.0.1"


@dataclass(frozen=True)
class Arrival:
    """One request that reached the receiver's path, and what it was answered."""

    number: int  # 1 for the first request received
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    answered: int
    at: float  # time.monotonic() when it arrived

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def render(self) -> str:
        """The request as a person reads it (headers, then the body)."""
        lines = [f"{self.method} {self.path}"]
        lines += [f"{key}: {value}" for key, value in self.headers]
        text = self.body.decode("utf-8", errors="replace")
        return "\n".join(lines) + ("\n\n" + text if text else "") + f"\n-> answered {self.answered}"


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT` (`[::1]:PORT` for IPv6; port 0 picks a free one)."""
    host, sep, port = text.strip().rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"the webhook receiver is HOST:PORT, not {text!r}")
    return host, int(port)


class WebhookReceiver:
    """Listens on `host:port` until closed; `url` is where the instance should deliver."""

    def __init__(self, host: str = DEFAULT_HOST, port: int = 0) -> None:
        # A path nobody else knows: a stray request to the port is not taken for a delivery.
        self.path = f"/miso-conform/{secrets.token_hex(8)}"
        self._arrivals: list[Arrival] = []
        self._changed = threading.Condition()
        self._probe: str | None = None  # the probed delivery's identity (see `identity`)
        # How two attempts of one delivery are told to be the same one; set by the run once it
        # knows the contract (the delivery-id header), the raw body until then.
        self.identity: Callable[[Arrival], str] = lambda arrival: arrival.body.hex()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="miso-conform-webhooks", daemon=True
        )
        bound_port = self._server.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{bound_port}{self.path}"

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    @property
    def arrivals(self) -> list[Arrival]:
        with self._changed:
            return list(self._arrivals)

    @property
    def probe(self) -> str | None:
        """The identity of the delivery whose first attempt was refused, once one arrived."""
        with self._changed:
            return self._probe

    def wait(self, until: Callable[[list[Arrival]], bool], timeout: float) -> bool:
        """Block until `until(arrivals)` holds or `timeout` seconds pass; whether it holds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not until(list(self._arrivals)):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def _record(
        self, method: str, path: str, headers: tuple[tuple[str, str], ...], body: bytes
    ) -> int:
        with self._changed:
            draft = Arrival(
                len(self._arrivals) + 1, method, path, headers, body, 0, time.monotonic()
            )
            identity = self.identity(draft)
            if self._probe is None:
                self._probe = identity
                status = REFUSED_STATUS
            else:
                status = ACCEPTED_STATUS
            arrival = Arrival(draft.number, method, path, headers, body, status, draft.at)
            self._arrivals.append(arrival)
            self._changed.notify_all()
            return status

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, MAX_BODY_BYTES))
                if length > MAX_BODY_BYTES:
                    self.close_connection = True
                if self.path.split("?", 1)[0] != receiver.path:
                    self._answer(404)
                    return
                headers = tuple((key, value) for key, value in self.headers.items())
                self._answer(receiver._record("POST", self.path, headers, body))

            def do_GET(self) -> None:
                self._answer(405)

            def _answer(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return  # the run reports what arrived; nothing goes to stderr

        return Handler
