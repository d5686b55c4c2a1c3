"""The API reference's examples as the project's own test data, and how they were taken.

The reference documents are not part of the repository, so what the tests need from them lives
in `tests/fixtures/reference_examples.yaml`: every curl example (with the example response that
follows it, when one does) and every request body shown for an endpoint. With the documents
present, a test re-reads them and fails when the fixture no longer says the same;
`python -m tests.support.reference_examples` rewrites the fixture from them.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "reference_examples.yaml"
HEADER = (
    "# The API reference's examples (miso-api-reference.md) as facts the tests use.\n"
    "# Written by `python -m tests.support.reference_examples` from the reference documents\n"
    "# ($MISO_SEEDS or ../shared/seeds); a test compares it with them whenever they are present.\n"
)
_FENCED = re.compile(r"```(\w*)\n(.*?)```", flags=re.DOTALL)
_REQUEST_BODY = re.compile(
    r"```bash\n(GET|POST|PUT|DELETE) (\S+)\n```\s+\*\*Request Body:\*\*\s+```json\n(.*?)```",
    flags=re.DOTALL,
)


@dataclass(frozen=True)
class CurlExample:
    """One curl command as the reference writes it, and the response it shows after it."""

    command: str
    response: Any = None


@dataclass(frozen=True)
class RequestBody:
    """A request body the reference shows for `method path` (a path template)."""

    method: str
    path: str
    body: dict[str, Any]


@dataclass(frozen=True)
class ReferenceExamples:
    curls: list[CurlExample]
    request_bodies: list[RequestBody]

    def as_data(self) -> dict[str, Any]:
        curls = [
            {"command": c.command, **({} if c.response is None else {"response": c.response})}
            for c in self.curls
        ]
        bodies = [{"method": b.method, "path": b.path, "body": b.body} for b in self.request_bodies]
        return {"curls": curls, "request_bodies": bodies}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ReferenceExamples:
        return cls(
            [CurlExample(c["command"], c.get("response")) for c in data["curls"]],
            [RequestBody(**b) for b in data["request_bodies"]],
        )


def read_reference(text: str) -> ReferenceExamples:
    """Take the examples out of the reference's Markdown."""
    blocks = list(_FENCED.finditer(text))
    curls = []
    for index, block in enumerate(blocks):
        language, code = block.groups()
        if language != "bash" or not code.lstrip().startswith("curl "):
            continue
        response = None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following and following.group(1) == "json":
            between = text[block.end() : following.start()]
            if "Response" in between:
                response = json.loads(following.group(2))
        curls.append(CurlExample(code.rstrip("\n"), response))
    bodies = [RequestBody(m, p, json.loads(b)) for m, p, b in _REQUEST_BODY.findall(text)]
    return ReferenceExamples(curls, bodies)


def load_fixture(path: Path = FIXTURE) -> ReferenceExamples:
    return ReferenceExamples.from_data(yaml.safe_load(path.read_text(encoding="utf-8")))


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings (the curl commands) as `|` blocks, readable and diffable."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def render(examples: ReferenceExamples) -> str:
    body = yaml.dump(examples.as_data(), Dumper=_BlockDumper, sort_keys=False, width=100)
    return HEADER + body


def main() -> int:
    from miso_toolkit.paths import NO_SEEDS, SEEDS_DIR

    from tests.support.seeds import REFERENCE_NAME

    if SEEDS_DIR is None:
        print(f"cannot write {FIXTURE.name}: {NO_SEEDS}", file=sys.stderr)
        return 2
    examples = read_reference((SEEDS_DIR / REFERENCE_NAME).read_text(encoding="utf-8"))
    FIXTURE.write_text(render(examples), encoding="utf-8")
    print(f"wrote {FIXTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
