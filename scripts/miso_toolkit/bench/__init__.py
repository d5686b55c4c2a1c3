"""`miso bench`: the mock against Stoplight Prism on the same spec, requests and load.

The public surface: `main` (the sub-command) and `run_bench` (one benchmark, returning the
`BenchResult` the report is rendered from).
"""

from ._cli import main
from ._results import BenchResult, Config
from ._run import run_bench

__all__ = ["BenchResult", "Config", "main", "run_bench"]
