"""Entry point of the `miso` command: one sub-command per tool, each in its own module."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

# sub-command -> (module that implements it, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "bundle": ("miso_toolkit.bundle", "resolve the split spec into openapi/dist/miso.yaml"),
    "lint": ("miso_toolkit.lint", "validate the spec, apply the contract rules, run ruff"),
    "mock": ("miso_toolkit.mock", "serve the stateful mock Miso server"),
    "clients": ("miso_toolkit.clients", "regenerate the Python and TypeScript SDKs"),
    "conform": ("miso_toolkit.conform", "fuzz a Miso deployment against the contract"),
    "proxy": ("miso_toolkit.proxy", "check a live instance's traffic against the contract"),
    "bench": ("miso_toolkit.bench", "benchmark the mock against Stoplight Prism"),
    "diff": ("miso_toolkit.diff", "report breaking changes between two versions of the spec"),
}
# Commands that write or build this repository's own files: an installed miso has none of them.
CHECKOUT_ONLY: dict[str, str] = {
    "bundle": "it rebuilds openapi/dist/miso.yaml from the split spec",
    "clients": "it regenerates the SDK sources under clients/",
    "bench": "it benchmarks this repository's mock with the tools pinned in it",
}


def _in_checkout() -> bool:
    from miso_toolkit.paths import IN_CHECKOUT  # late: finding it loads the contract model

    return IN_CHECKOUT


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to the sub-command's own `main(argv)`; each module owns its arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"} or args[0] not in COMMANDS:
        parser = argparse.ArgumentParser(prog="miso", description=__doc__)
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name, (_, help_text) in COMMANDS.items():
            sub.add_parser(name, help=help_text, add_help=False)
        if args and args[0] not in {"-h", "--help"}:
            parser.error(f"unknown command {args[0]!r}")
        parser.print_help()
        return 0 if args else 2
    if args[0] in CHECKOUT_ONLY and not _in_checkout():
        print(
            f"miso {args[0]}: works only in a clone of the repository ({CHECKOUT_ONLY[args[0]]}); "
            f"this miso is installed at {Path(__file__).parent}. Run it in a clone: "
            f"`make {args[0]}`.",
            file=sys.stderr,
        )
        return 2
    module_name, _ = COMMANDS[args[0]]
    module = importlib.import_module(module_name)
    return int(module.main(args[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
