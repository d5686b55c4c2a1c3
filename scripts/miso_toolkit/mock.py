"""`miso mock`: serve the stateful Miso mock with uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from miso_toolkit.paths import IN_CHECKOUT, OPENAPI_DIR, REPO_ROOT


def _parser() -> argparse.ArgumentParser:
    from miso_mock.options import parse_latency, parse_rate_limit

    p = argparse.ArgumentParser(prog="miso mock", description=__doc__)
    p.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    p.add_argument("--state-file", type=Path, help="persist state here and reload it on start")
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
    p.add_argument("--seed", type=int, help="seed for latency and error injection")
    p.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every response against the spec (a mismatch answers 500)",
    )
    p.add_argument("--no-validate-responses", dest="validate_responses", action="store_false")
    p.add_argument("--no-cors", dest="cors", action="store_false", help="switch CORS off")
    p.add_argument(
        "--reload", action="store_true", help="restart on changes under openapi/ and server/"
    )
    p.add_argument("--quiet", action="store_true", help="print nothing at start")
    return p


def _banner(options: object, host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
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
        ]
    )


def main(argv: Sequence[str]) -> int:
    # Connexion 3.3 imports names Starlette and jsonschema deprecate; users cannot act on that.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="connexion")
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    # Connexion warns per request that /auth/token accepts two media types; that is by design.
    logging.getLogger("connexion").setLevel(logging.ERROR)
    from miso_mock.app import OPTIONS_ENV, create_app
    from miso_mock.options import MockOptions
    from miso_mock.patches import CoalescingHttpToolsProtocol

    args = _parser().parse_args(argv)
    if args.reload and not IN_CHECKOUT:
        print(
            "miso mock: --reload follows openapi/ and server/ of a clone; none is here",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.error_rate <= 1 or args.deploy_speed <= 0 or args.token_ttl < 1:
        print(
            "miso mock: --error-rate is 0..1, --deploy-speed and --token-ttl > 0", file=sys.stderr
        )
        return 2
    options = MockOptions(
        host=args.host,
        port=args.port,
        state_file=args.state_file.resolve() if args.state_file else None,
        latency_ms=args.latency,
        error_rate=args.error_rate,
        rate_limit=args.rate_limit,
        deploy_speed=args.deploy_speed,
        validate_responses=args.validate_responses,
        cors=args.cors,
        token_ttl=args.token_ttl,
        webhook_hosts=tuple(h.strip() for h in args.webhook_hosts.split(",") if h.strip()),
        webhook_retry_base=args.webhook_retry_base,
        seed=args.seed,
    )
    if not args.quiet:
        print(_banner(options, args.host, args.port), flush=True)
    common = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "access_log": False,
        "http": CoalescingHttpToolsProtocol,
    }
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
