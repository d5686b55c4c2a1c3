"""The requests the oracle's scenarios send, built from the spec: the example body of each
operation, made unique where the spec says a value must be, and paths filled per side."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from miso_contract import Contract, Operation

UNIQUE = re.compile(r"\bunique\b", re.IGNORECASE)


def run_tag() -> str:
    """A short lower-case tag, different for every run (names must stay unique)."""
    return "or" + secrets.token_hex(3)


def made_unique(contract: Contract, operation: Operation, body: Any, tag: str) -> Any:
    """`body` with each top-level string whose schema says it is unique given `tag` as a
    suffix (within the schema's maxLength), so it takes nothing another record holds."""
    schema = contract.json_schema(operation.request_body)
    if not isinstance(body, dict):
        return body
    out = dict(body)
    for name, sub in contract.properties(schema).items():
        value = out.get(name)
        if isinstance(value, str) and UNIQUE.search(str(sub.get("description", ""))):
            limit = int(sub.get("maxLength", 255))
            suffix = f"-{tag}"
            out[name] = value[: max(1, limit - len(suffix))].rstrip("-") + suffix
    return out


def event_stream_switches(contract: Contract, operation: Operation) -> str | None:
    """The query that turns a GET into its `text/event-stream` answer (its boolean query
    parameters set), or None when the operation documents no stream."""
    ok = contract.responses(operation).get("200") or {}
    content = ok.get("content") if isinstance(ok, Mapping) else None
    if not isinstance(content, Mapping) or "text/event-stream" not in content:
        return None
    switches = [
        f"{name}=true"
        for name, parameter in operation.query_parameters().items()
        if contract.resolve(parameter.get("schema", {})).get("type") == "boolean"
    ]
    return "&".join(switches) if switches else None


def server_sent_events(content: bytes) -> list[tuple[str, str]]:
    """(event, data) for each event of a `text/event-stream` body."""
    events = []
    for block in content.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        if data or name != "message":
            events.append((name, "\n".join(data)))
    return events
