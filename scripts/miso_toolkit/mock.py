"""`miso mock`: serve the stateful Miso mock with uvicorn."""

from __future__ import annotations

import argparse
import functools
import logging
import os
import secrets
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn

from miso_toolkit.paths import IN_CHECKOUT, OPENAPI_DIR, REPO_ROOT

if TYPE_CHECKING:
    from miso_mock.options import MockOptions

IDLE_TIMEOUT_SECONDS = 5
WORKER_HEALTHCHECK_SECONDS = 120


def _positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text!r}")
    return seconds


def _parser() -> argparse.ArgumentParser:
    from miso_mock.options import ADMIN_TOKEN_ENV, LOOPBACK_ORIGINS, parse_latency, parse_rate_limit
    from miso_mock.patches.uvicorn_protocol import DEFAULT_READ_TIMEOUT_SECONDS

    p = argparse.ArgumentParser(prog="miso mock", description=__doc__)
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    p.add_argument("--state-file", type=Path, help="persist state here and reload it on start")
    p.add_argument(
        "--store",
        metavar="redis://HOST:PORT/DB",
        help="keep all state in Redis, shared by every mock pointed at it (replicas, workers)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve with N processes on one port (needs --store)",
    )
    p.add_argument(
        "--latency",
        type=parse_latency,
        default=(0, 0),
        metavar="MS|MIN-MAX",
        help="added delay per request, in milliseconds",
    )
    p.add_argument(
        "--error-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="probability (0..1) of a random 503 SERVICE_UNAVAILABLE",
    )
    p.add_argument(
        "--rate-limit",
        type=parse_rate_limit,
        default=(1000, 60),
        metavar="N/SECONDS",
        help="requests per window per client (default 1000/60)",
    )
    p.add_argument(
        "--deploy-speed",
        type=float,
        default=1.0,
        metavar="X",
        help="how many times faster than real time deployments progress (default 1)",
    )
    p.add_argument(
        "--token-ttl",
        type=int,
        default=3600,
        metavar="SECONDS",
        help="lifetime of issued access tokens",
    )
    p.add_argument(
        "--webhook-hosts",
        default="127.0.0.1,localhost,::1",
        metavar="HOSTS",
        help="comma-separated hosts webhooks may be delivered to ('*' for any)",
    )
    p.add_argument(
        "--webhook-retry-base",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="first retry delay of a failed webhook delivery; doubles each attempt",
    )
    p.add_argument(
        "--max-deliveries",
        type=int,
        default=100,
        metavar="N",
        help="deliveries kept per webhook, the oldest forgotten first (default 100)",
    )
    p.add_argument(
        "--admin-token",
        default=os.environ.get(ADMIN_TOKEN_ENV),
        metavar="TOKEN",
        help=f"bearer token for /_mock/* (also {ADMIN_TOKEN_ENV}; default: a new one, printed "
        "at start); loopback callers of a loopback-only mock need none",
    )
    p.add_argument(
        "--cors-origins",
        default=",".join(LOOPBACK_ORIGINS),
        metavar="ORIGINS",
        help="comma-separated origins browsers may call the API from, '*' for any port "
        "(http://localhost:*); a lone '*' for every origin, without credentials "
        "(default: the loopback origins)",
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the URL clients reach the mock at, named as the tokens' issuer "
        "(default http://HOST:PORT)",
    )
    p.add_argument(
        "--read-timeout",
        type=_positive_seconds,
        default=DEFAULT_READ_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help="a request's head and body must arrive within this many seconds of its first "
        "byte (or of the connection opening), else 408 and the connection closes "
        f"(default {DEFAULT_READ_TIMEOUT_SECONDS:g})",
    )
    p.add_argument("--seed", type=int, help="seed for latency and error injection")
    p.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every response against the spec (a mismatch answers 500)",
    )
    p.add_argument("--no-validate-responses", dest="validate_responses", action="store_false")
    p.add_argument(
        "--no-cors", dest="cors_origins", action="store_const", const="", help="switch CORS off"
    )
    p.add_argument(
        "--reload", action="store_true", help="restart on changes under openapi/ and server/"
    )
    p.add_argument("--quiet", action="store_true", help="print nothing at start")
    return p


def _banner(options: MockOptions) -> str:
    from miso_mock.options import base_url

    url = base_url(options)
    return "\n".join(
        [
            f"Miso mock serving {url}",
            f"  API docs:  {url}/api/docs",
            f"  spec:      {url}/api/v1/openapi.json",
            "  clients:   miso-dev / miso-dev-secret (every permission)",
            "             miso-viewer / miso-viewer-secret (miso:read)",
            f"  token:     curl -X POST {url}/auth/token -H 'Content-Type: application/json' "
            '-d \'{"client_id": "miso-dev", "client_secret": "miso-dev-secret", '
            '"grant_type": "client_credentials", "scope": "api"}\'',
            f"  admin:     {url}/_mock/reset, /_mock/state with "
            f"Authorization: Bearer {options.admin_token}",
        ]
    )


def _store_problem(args: argparse.Namespace) -> str | None:
    """Why the state options cannot work together (None when they can); a Redis that does not
    answer is said now, not as a traceback from every worker."""
    from miso_mock.redis_store import client_for
    from miso_mock.state_backends import STORE_SCHEMES

    if args.workers < 1:
        return "--workers is at least 1"
    if args.store is None:
        if args.workers > 1:
            return (
                f"--workers {args.workers} needs --store redis://HOST:PORT/DB: each worker is a "
                "process of its own, and only a shared store gives them one state"
            )
        return None
    if args.state_file:
        return "--state-file is for one process; with --store the state lives in Redis"
    if args.reload and args.workers > 1:
        return "--reload runs one process; leave out --workers"
    if not args.store.startswith(STORE_SCHEMES):
        return f"--store takes a Redis URL ({', '.join(STORE_SCHEMES)}...), got {args.store!r}"
    try:
        client_for(args.store).ping()
    except Exception as exc:  # any failure to reach it is the same message to the user
        return f"cannot reach the store at {args.store}: {exc}"
    return None


def main(argv: Sequence[str]) -> int:
    # Connexion 3.3 imports names Starlette and jsonschema deprecate; users cannot act on that.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="connexion")
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    # Connexion warns per request that /auth/token accepts two media types; that is by design.
    logging.getLogger("connexion").setLevel(logging.ERROR)
    from miso_mock.app import OPTIONS_ENV, create_app
    from miso_mock.middleware.cors import origin_pattern
    from miso_mock.options import MockOptions
    from miso_mock.patches import CoalescingHttpToolsProtocol

    args = _parser().parse_args(argv)
    if args.reload and not IN_CHECKOUT:
        print(
            "miso mock: --reload follows openapi/ and server/ of a clone; none is here",
            file=sys.stderr,
        )
        return 2
    if (
        not 0 <= args.error_rate <= 1
        or args.deploy_speed <= 0
        or args.token_ttl < 1
        or args.max_deliveries < 1
    ):
        print(
            "miso mock: --error-rate is 0..1, --deploy-speed, --token-ttl and --max-deliveries > 0",
            file=sys.stderr,
        )
        return 2
    cors_origins = tuple(o.strip() for o in args.cors_origins.split(",") if o.strip())
    try:
        origin_pattern(o for o in cors_origins if o != "*")
    except ValueError as exc:
        print(f"miso mock: --cors-origins: {exc}", file=sys.stderr)
        return 2
    problem = _store_problem(args)
    if problem:
        print(f"miso mock: {problem}", file=sys.stderr)
        return 2
    options = MockOptions(
        host=args.host,
        port=args.port,
        state_file=args.state_file.resolve() if args.state_file else None,
        store=args.store,
        workers=args.workers,
        latency_ms=args.latency,
        error_rate=args.error_rate,
        rate_limit=args.rate_limit,
        deploy_speed=args.deploy_speed,
        validate_responses=args.validate_responses,
        cors_origins=cors_origins,
        token_ttl=args.token_ttl,
        webhook_hosts=tuple(h.strip() for h in args.webhook_hosts.split(",") if h.strip()),
        webhook_retry_base=args.webhook_retry_base,
        max_deliveries=args.max_deliveries,
        admin_token=args.admin_token or secrets.token_urlsafe(24),
        public_url=args.public_url,
        seed=args.seed,
    )
    if not args.quiet:
        print(_banner(options), flush=True)
    common = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "access_log": False,
        "http": functools.partial(CoalescingHttpToolsProtocol, read_timeout=args.read_timeout),
        # A connection idle between requests is closed after this many seconds.
        "timeout_keep_alive": IDLE_TIMEOUT_SECONDS,
        "timeout_graceful_shutdown": 5,
    }
    if args.workers > 1:
        os.environ[OPTIONS_ENV] = options.to_json()
        uvicorn.run(
            "miso_mock.app:app_from_environment",
            factory=True,
            workers=args.workers,
            # A worker builds the whole app before it answers the supervisor's first ping; on
            # a busy machine that takes longer than uvicorn's 5 s, and it would be killed.
            timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
            **common,
        )
        return 0
    if args.reload:
        os.environ[OPTIONS_ENV] = options.to_json()
        uvicorn.run(
            "miso_mock.app:app_from_environment",
            factory=True,
            reload=True,
            reload_dirs=[str(OPENAPI_DIR), str(REPO_ROOT / "server")],
            reload_includes=["*.py", "*.yaml"],
            **common,
        )
        return 0
    uvicorn.run(create_app(options), **common)
    return 0
