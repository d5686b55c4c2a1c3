"""`miso conform`: check a Miso deployment against the contract with Schemathesis.

The public surface: `main` (the sub-command), `run_conformance` (one run, as `miso bench` and
the tests call it), its `ConformOptions` and its `ConformanceResult`.
"""

from miso_contract import SAFE_METHODS

from ._cleanup import CleanupReport, Leftover
from ._cli import main
from ._options import ConformOptions
from ._results import (
    EXIT_CONFORMING,
    EXIT_ERROR,
    EXIT_VIOLATIONS,
    ConformanceResult,
    Finding,
    OperationSummary,
)
from ._run import run_conformance
from ._safety import is_loopback

__all__ = [
    "EXIT_CONFORMING",
    "EXIT_ERROR",
    "EXIT_VIOLATIONS",
    "SAFE_METHODS",
    "CleanupReport",
    "ConformOptions",
    "ConformanceResult",
    "Finding",
    "Leftover",
    "OperationSummary",
    "is_loopback",
    "main",
    "run_conformance",
]
