"""`--record FILE`: what the instance answered, kept so a local mock can start from it.

FILE is a state snapshot in the format `miso mock --state-file` loads (`records` grouped by
kind, keyed by id, and the id `counters`); next to it, `FILE.exchanges.jsonl` keeps every
exchange, one JSON object a line. Both are redacted as every other output is.

A record's kind is the collection its path names (`/api/v1/webhooks/{webhook_id}` answers a
`webhooks` record); only the kinds the mock stores are kept. Detail answers, and the answers
of writes, are whole records; a list's items are too when the spec gives them the same schema
as the detail answer, and otherwise only refresh the fields of records already held. A
reference to another record (`owner: {id, ...}`) is also kept as its id (`owner_id`), which
is how stored records point at each other.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from miso_contract import Contract, Operation
from miso_mock.dataset import initial_snapshot

from ..conform._redact import Redactor
from ._exchange import Exchange
from ._secrets import masked_headers

_PARAMETER = re.compile(r"^\{[^}]+\}$")
_NUMBERED = re.compile(r"^.*-(?P<number>\d+)$")
MAX_LOGGED_BODY = 64 * 1024


class Recording:
    def __init__(self, path: Path, contract: Contract, redact: Redactor) -> None:
        self.path = path
        self.log_path = path.with_name(path.name + ".exchanges.jsonl")
        self._contract = contract
        self._redact = redact
        self._lock = threading.Lock()
        self.records: dict[str, dict[str, dict[str, Any]]] = {
            kind: {} for kind in initial_snapshot()["records"]
        }
        self._full_items = self._kinds_listed_in_full()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.log_path.write_text("")

    def observe(self, exchange: Exchange, operation: Operation | None) -> None:
        with self._lock:
            self._log(exchange)
            if operation is not None and 200 <= exchange.status < 300:
                self._keep(exchange, operation)

    # -- records ------------------------------------------------------------------------------

    def _keep(self, exchange: Exchange, operation: Operation) -> None:
        segments = operation.path.strip("/").split("/")
        detail = bool(_PARAMETER.match(segments[-1])) and len(segments) > 1
        kind = segments[-2] if detail else segments[-1]
        if kind not in self.records:
            return
        held = self.records[kind]
        body = exchange.response_json()
        if detail and operation.method == "DELETE":
            held.pop(exchange.path.rstrip("/").rsplit("/", 1)[-1], None)
        elif isinstance(body, Mapping) and isinstance(body.get("id"), str):
            held[body["id"]] = {**held.get(body["id"], {}), **_as_record(body)}
        elif isinstance(body, Mapping) and operation.method == "GET":
            for item in _items(body):
                key = item["id"]
                if kind in self._full_items or key in held:
                    held[key] = {**held.get(key, {}), **_as_record(item)}

    def _kinds_listed_in_full(self) -> frozenset[str]:
        """Kinds whose list items have the very schema of their detail answer."""
        details: dict[str, Any] = {}
        lists: dict[str, list[Any]] = {}
        for operation in self._contract.operations:
            if operation.method != "GET":
                continue
            schema = self._contract.inline(
                self._contract.json_schema(operation.responses.get("200"))
            )
            segments = operation.path.strip("/").split("/")
            if _PARAMETER.match(segments[-1]) and len(segments) > 1:
                details[segments[-2]] = schema
            else:
                for sub in self._contract.properties(schema).values():
                    if isinstance(sub, Mapping) and sub.get("type") == "array":
                        lists.setdefault(segments[-1], []).append(sub.get("items"))
        return frozenset(
            kind
            for kind, items in lists.items()
            if kind in details and all(item == details[kind] for item in items)
        )

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            counters = {
                kind: max((_number(key) for key in held), default=0)
                for kind, held in self.records.items()
            }
            data = {"records": self.records, "counters": counters}
            redacted: dict[str, Any] = json.loads(self._redact(json.dumps(data)))
            return redacted

    def write(self) -> None:
        """Write the snapshot whole or not at all (a temporary file renamed over FILE)."""
        data = json.dumps(self.snapshot(), indent=1)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(data)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # -- the exchange log ---------------------------------------------------------------------

    def _log(self, exchange: Exchange) -> None:
        entry = {
            "method": exchange.method,
            "path": exchange.path,
            "query": exchange.query,
            "request_headers": masked_headers(exchange.request_headers),
            "request_body": _text(exchange.request_body, exchange.request_complete),
            "status": exchange.status,
            "response_headers": masked_headers(exchange.response_headers),
            "response_body": _text(exchange.response_body, exchange.response_complete),
        }
        with self.log_path.open("a", encoding="utf-8") as handle:
            handle.write(self._redact(json.dumps(entry)) + "\n")


def _as_record(body: Mapping[str, Any]) -> dict[str, Any]:
    record = dict(body)
    for name, value in body.items():
        if isinstance(value, Mapping) and isinstance(value.get("id"), str):
            record.setdefault(f"{name}_id", value["id"])
    return record


def _items(body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [
        item
        for value in body.values()
        if isinstance(value, list)
        for item in value
        if isinstance(item, Mapping) and isinstance(item.get("id"), str)
    ]


def _number(key: str) -> int:
    match = _NUMBERED.match(key)
    return int(match["number"]) if match else 0


def _text(body: bytes, complete: bool) -> str | None:
    if not complete:
        return None
    text = body[:MAX_LOGGED_BODY].decode("utf-8", "replace")
    return text if len(body) <= MAX_LOGGED_BODY else text + f"... ({len(body)} bytes in all)"
