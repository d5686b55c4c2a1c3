"""Derive the sync Python facade from its async source, so the two cannot drift apart.

The async module is the one written by hand; the sync twin is the same code with `async` and
`await` dropped and each async name replaced by its sync counterpart (`AsyncFoo` -> `Foo`, plus
the table below). Only names are rewritten, never strings, so docstrings read the same in both.
The result is formatted with ruff, like any other module of the repository.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tokenize
from pathlib import Path

from miso_toolkit.paths import REPO_ROOT

FACADE = REPO_ROOT / "clients" / "python" / "miso_client"
# async source -> generated sync module
PAIRS = {FACADE / "_async_namespaces.py": FACADE / "_namespaces.py"}
RENAMES = {
    "asyncio_detailed": "sync_detailed",
    "get_async_httpx_client": "get_httpx_client",
    "aread": "read",
    "aclose": "close",
    "anext": "next",
    "apaginate": "paginate",
    "StopAsyncIteration": "StopIteration",
    "isasyncgenfunction": "isgeneratorfunction",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
}
HEADER = "# Generated from {source} by `miso clients` (unasync): edit the async source, not this.\n"


def _rename(name: str) -> str | None:
    if name in RENAMES:
        return RENAMES[name]
    if name.startswith("Async") and len(name) > 5 and name[5].isupper():
        return name[5:]
    return None


def unasync(source: str) -> str:
    """`source` with async/await removed and async names renamed (not yet formatted)."""
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.NAME:
            continue
        (row, start), (_, end) = token.start, token.end
        if token.string in ("async", "await"):
            line = lines[row - 1]
            while end < len(line) and line[end] == " ":
                end += 1
            edits.append((row, start, end, ""))
        elif (new := _rename(token.string)) is not None:
            edits.append((row, start, end, new))
    for row, start, end, text in reversed(edits):
        line = lines[row - 1]
        lines[row - 1] = line[:start] + text + line[end:]
    return "".join(lines)


def _ruff(args: list[str], text: str, path: Path) -> str:
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff), *args, "--stdin-filename", str(path), "-"]
    result = subprocess.run(
        command, input=text, capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    if result.returncode not in (0, 1) or not result.stdout:
        raise RuntimeError(f"ruff {args[0]} failed on {path}:\n{result.stderr}")
    return result.stdout


def derived(source: Path, target: Path) -> str:
    """The sync module's text, as `miso clients` writes it."""
    relative = source.relative_to(target.parent)
    text = HEADER.format(source=relative) + unasync(source.read_text())
    # imports re-sorted after renames; `for x in it: yield x` (async-only form) to `yield from`
    fixes = ["--fix", "--unsafe-fixes", "--select", "I,F401,UP028", "--quiet", "--exit-zero"]
    text = _ruff(["check", *fixes], text, target)
    return _ruff(["format", "--quiet"], text, target)


def regenerate(check: bool) -> bool:
    """Write each sync twin; with `check`, report the ones that differ instead."""
    ok = True
    for source, target in PAIRS.items():
        text = derived(source, target)
        if target.exists() and target.read_text() == text:
            continue
        shown = target.relative_to(REPO_ROOT)
        if check:
            print(f"python SDK drift in {shown}: run `make clients` (unasync)", file=sys.stderr)
            ok = False
        else:
            target.write_text(text)
            print(f"python SDK: derived {shown} from {source.name}")
    return ok
