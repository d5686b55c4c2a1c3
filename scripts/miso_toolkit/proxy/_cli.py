"""`miso proxy`: arguments, the server, and the reports written when it stops."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import uvicorn

from ..conform._cli import DEFAULT_REPORT_DIR
from ..conform._results import EXIT_ERROR
from ..conform._run import UsageError
from ..paths import BUNDLE
from ._proxy import Proxy

DEFAULT_PORT = 8081
# Seconds open connections (a log stream, say) get to finish once asked to stop.
GRACEFUL_SECONDS = 3


class _Server(uvicorn.Server):
    """Stops on SIGINT or SIGTERM (twice: at once) and returns, so the reports get written.

    uvicorn's own handling raises the signal again once it has stopped, which would end the
    process before anything could be written.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        def stop(signum: int, frame: FrameType | None) -> None:
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="miso proxy",
        description="Forward traffic to a Miso instance unchanged and check every exchange "
        "against the contract and the Miso rules; violations print as they happen, and the "
        "reports `miso conform` writes are written on exit (Ctrl-C or SIGTERM).",
        epilog="Exit codes: 0 no violation seen, 1 violations seen, 2 usage error. Tokens and "
        "secrets passing through are masked in every output.",
    )
    p.add_argument("--upstream", required=True, help="the instance, e.g. https://miso.example.com")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.add_argument(
        "--errors",
        action="store_true",
        help="answer a violating exchange with 502 and an explanation instead (for CI)",
    )
    p.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="keep what the instance answered as a state file for `miso mock --state-file`",
    )
    p.add_argument("--spec", type=Path, default=BUNDLE, help="the contract (default: the bundle)")
    p.add_argument(
        "--report-dir",
        type=Path,
        default=DEFAULT_REPORT_DIR,
        help=f"where junit.xml and report.md go (default: {DEFAULT_REPORT_DIR})",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    target = urlsplit(args.upstream)
    if target.scheme not in ("http", "https") or not target.hostname:
        print("miso proxy: --upstream must be http(s)://host[:port][/prefix]", file=sys.stderr)
        return EXIT_ERROR
    try:
        proxy = Proxy(args.upstream, spec=args.spec, report_dir=args.report_dir, record=args.record)
    except UsageError as exc:
        print(f"miso proxy: {exc}", file=sys.stderr)
        return EXIT_ERROR
    app = proxy.app(errors=args.errors)
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        server_header=False,  # the upstream's headers go back as they came
        date_header=False,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )
    mode = "; a violating exchange is answered with 502" if args.errors else ""
    print(
        f"miso proxy: http://{args.host}:{args.port} -> {proxy.checker.upstream}{mode}",
        flush=True,
    )
    try:
        _Server(config).run()
    finally:
        app.drain()
        result = proxy.finish()
    return result.exit_code
