"""The endpoints the seed documents show, read from their code blocks.

Two shapes occur: a request line (`GET /api/v1/applications`) and a curl command
(`curl -X POST "https://host/auth/token" ...`, possibly continued over lines with `\\`).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SEED_PREFIX = "miso-api-"
_FENCE = re.compile(r"^\s*```(\w*)\s*$")
_SHELL_LANGUAGES = {"", "bash", "sh", "shell", "console", "http"}
_REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)")
_CURL = re.compile(r"\bcurl\b")
_URL = re.compile(r"https?://[^\s\"']+")


@dataclass(frozen=True, order=True)
class SeedEndpoint:
    """One endpoint as a seed writes it (query dropped), and the line it is on."""

    seed: str
    method: str
    path: str
    file: str
    line: int

    @property
    def key(self) -> tuple[str, str, str]:
        return self.seed, self.method, self.path


def seed_name(file: Path) -> str:
    """`miso-api-reference.md` -> `reference`."""
    return file.stem.removeprefix(SEED_PREFIX)


def _code_lines(text: str) -> list[tuple[int, str]]:
    """Logical lines of shell-like code blocks: continuations joined, comments dropped."""
    lines: list[tuple[int, str]] = []
    in_block, language, pending, start = False, "", "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        fence = _FENCE.match(raw)
        if fence:
            in_block, language = not in_block, fence.group(1).lower()
            pending = ""
            continue
        if not in_block or language not in _SHELL_LANGUAGES:
            continue
        stripped = raw.strip()
        if not pending:
            start = number
            if stripped.startswith("#"):
                continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        lines.append((start, pending + stripped))
        pending = ""
    return lines


def _curl_method(command: str) -> str:
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    for index, word in enumerate(words[:-1]):
        if word in {"-X", "--request"}:
            return words[index + 1].upper()
        if word.startswith("-X") and len(word) > 2:
            return word[2:].upper()
    if any(word in {"-d", "--data", "--data-raw", "--json"} for word in words):
        return "POST"
    return "GET"


def _endpoint(line: str) -> tuple[str, str] | None:
    request = _REQUEST_LINE.match(line)
    if request:
        return request.group(1), urlsplit(request.group(2)).path
    curl = _CURL.search(line)
    url = _URL.search(line) if curl else None
    path = urlsplit(url.group(0)).path if url else ""
    if curl and path not in {"", "/"}:
        return _curl_method(line[curl.start() :]), path
    return None


def parse_seed(file: Path) -> list[SeedEndpoint]:
    """Every distinct endpoint of one seed file, in the order it first appears."""
    found: dict[tuple[str, str], SeedEndpoint] = {}
    for number, line in _code_lines(file.read_text(encoding="utf-8")):
        endpoint = _endpoint(line)
        if endpoint and endpoint not in found:
            found[endpoint] = SeedEndpoint(seed_name(file), *endpoint, file.name, number)
    return list(found.values())


def parse_seeds(directory: Path) -> list[SeedEndpoint]:
    """Endpoints of every `*.md` seed in `directory`."""
    return [e for file in sorted(directory.glob("*.md")) for e in parse_seed(file)]
