"""`miso conform`: arguments, exit codes, and the defaults a platform team needs."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from ..paths import BUNDLE
from ._options import CONFIG_FILE, PHASES, ConformOptions
from ._pacer import parse_rate
from ._results import EXIT_ERROR
from ._run import run_conformance
from ._webhook_receiver import parse_address
from .oracle import OracleSettings

DEFAULT_REPORT_DIR = Path("reports/conform")


def _phases(text: str) -> tuple[str, ...]:
    phases = tuple(p.strip() for p in text.split(",") if p.strip())
    unknown = sorted(set(phases) - set(PHASES))
    if unknown or not phases:
        raise argparse.ArgumentTypeError(
            f"phases are a comma-separated list of {', '.join(PHASES)}"
        )
    return phases


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _rate(text: str) -> tuple[int, float]:
    try:
        return parse_rate(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _address(text: str) -> str:
    try:
        parse_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="miso conform",
        description="Fuzz a Miso deployment with Schemathesis and report every way it breaks "
        "the contract. Tuning lives in schemathesis.toml.",
        epilog="Exit codes: 0 conforming, 1 violations found, 2 usage or connection error. "
        "Against a host that is not loopback only GET, HEAD and OPTIONS are sent unless "
        "--allow-writes is given. Credentials may also come from MISO_CLIENT_ID, "
        "MISO_CLIENT_SECRET, MISO_TOKEN, MISO_VIEWER_CLIENT_ID and MISO_VIEWER_CLIENT_SECRET, "
        "which keeps them out of the process list.",
    )
    p.add_argument("--base-url", required=True, help="the instance, e.g. https://miso.example.com")
    p.add_argument("--client-id", default=os.environ.get("MISO_CLIENT_ID"))
    p.add_argument("--client-secret", default=os.environ.get("MISO_CLIENT_SECRET"))
    p.add_argument("--token", default=os.environ.get("MISO_TOKEN"), help="a ready access token")
    p.add_argument(
        "--viewer-client-id",
        default=os.environ.get("MISO_VIEWER_CLIENT_ID"),
        help="a second, less privileged client: the miso_permissions check replays requests "
        "with its token and expects 403 exactly where it lacks x-miso-permissions",
    )
    p.add_argument("--viewer-client-secret", default=os.environ.get("MISO_VIEWER_CLIENT_SECRET"))
    p.add_argument("--spec", type=Path, default=BUNDLE, help="the contract (default: the bundle)")
    p.add_argument("--config", type=Path, default=CONFIG_FILE, help=argparse.SUPPRESS)
    p.add_argument("--max-examples", type=_positive, help="cases per operation and phase")
    p.add_argument("--workers", type=_positive, help="concurrent workers")
    p.add_argument("--seed", type=int, help="seed, to repeat a run")
    p.add_argument("--phases", type=_phases, help=f"comma-separated subset of {','.join(PHASES)}")
    p.add_argument(
        "--rate",
        type=_rate,
        metavar="N/SECONDS",
        help="send at most N requests per SECONDS, below the instance's own rate limit "
        "(which is always respected)",
    )
    p.add_argument(
        "--max-requests",
        type=_positive,
        metavar="N",
        help="stop testing after N requests (the clean-up still runs)",
    )
    p.add_argument(
        "--max-duration",
        type=_positive,
        metavar="SECONDS",
        help="stop testing after SECONDS (the clean-up still runs)",
    )
    p.add_argument(
        "--include-operation",
        dest="include_operations",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID",
        help="test only these operationIds",
    )
    writes = p.add_mutually_exclusive_group()
    writes.add_argument(
        "--read-only",
        dest="allow_writes",
        action="store_const",
        const=False,
        help="send only GET, HEAD and OPTIONS, whatever the host",
    )
    writes.add_argument(
        "--allow-writes",
        dest="allow_writes",
        action="store_const",
        const=True,
        help="also POST, PUT and DELETE against a host that is not loopback",
    )
    p.add_argument(
        "--report-dir",
        type=Path,
        default=DEFAULT_REPORT_DIR,
        help=f"where junit.xml and report.md go (default: {DEFAULT_REPORT_DIR})",
    )
    p.add_argument(
        "--webhook-receiver",
        type=_address,
        metavar="HOST:PORT",
        help="where the run receives the webhook deliveries it checks (default: a free "
        "loopback port); for a remote instance, an address it can reach",
    )
    p.add_argument(
        "--oracle",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="replay stateful scenarios against an in-process mock and report every way the "
        "instance behaves differently (default: on when the mock's package is installed)",
    )
    p.add_argument("--quiet", action="store_true", help="no live progress, only the summary")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code rather than exiting, so tests can call it."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    options = ConformOptions(
        base_url=args.base_url,
        spec=args.spec,
        config=args.config,
        client_id=args.client_id,
        client_secret=args.client_secret,
        token=args.token,
        viewer_client_id=args.viewer_client_id,
        viewer_client_secret=args.viewer_client_secret,
        max_examples=args.max_examples,
        workers=args.workers,
        seed=args.seed,
        phases=args.phases,
        include_operations=tuple(args.include_operations),
        allow_writes=args.allow_writes,
        rate=args.rate,
        max_requests=args.max_requests,
        max_duration=args.max_duration,
        report_dir=args.report_dir,
        webhook_receiver=args.webhook_receiver,
        oracle=None if args.oracle is False else OracleSettings(required=bool(args.oracle)),
        progress=not args.quiet,
    )
    return run_conformance(options).exit_code
