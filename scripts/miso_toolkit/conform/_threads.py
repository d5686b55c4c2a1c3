"""A workaround that lets a run use several workers on CPython 3.11.

Schemathesis runs workers as threads, and Hypothesis parses Python source (`ast.parse`) while
it describes strategies in each of them. CPython 3.11 can then fail one parse with
`SystemError: AST constructor recursion depth mismatch` (python/cpython#106905), which
Schemathesis reports as an error and the run ends with exit code 2 for no fault of the API.
Parsing is rare and quick, so the run simply does it one thread at a time.
"""

from __future__ import annotations

import ast
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_LOCK = threading.Lock()


@contextmanager
def one_parse_at_a_time() -> Iterator[None]:
    if sys.version_info >= (3, 12) or getattr(ast.parse, "_serialised", False):
        yield
        return
    original = ast.parse

    def parse(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return original(*args, **kwargs)

    parse._serialised = True  # type: ignore[attr-defined]
    ast.parse = parse  # type: ignore[assignment]
    try:
        yield
    finally:
        ast.parse = original
