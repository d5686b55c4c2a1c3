"""What `PUT /_mock/state` accepts, and what `GET /_mock/state` shows.

A snapshot is checked whole before it replaces the state: every record against the schema of
the resource the API answers with (read from the spec), minus the fields handlers derive when
they present it, plus the ones the mock keeps for itself. A record the handlers could not
present would otherwise be stored, persisted, and turn every listing into a 500 (and a restart
with `--state-file` into a crash).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import miso_contract
from connexion.json_schema import Draft4ResponseValidator
from jsonschema import Draft4Validator

from miso_mock.store import Snapshot

MAX_DEPTH = 64  # the deepest stored record nests about 8 levels
SECRET_FIELD = "_secret"
_STRING: dict[str, Any] = {"type": "string"}
_TRAILING_NUMBER = re.compile(r"(\d+)$")


@dataclass(frozen=True)
class Stored:
    """A kind of record: the spec schema it is presented as, and how the stored form differs."""

    schema: str
    derived: tuple[str, ...] = ()  # filled in when presented, never stored
    own: Mapping[str, Any] = field(default_factory=dict)  # kept by the mock, never presented
    key: str = "id"  # the field the record is stored under


KINDS: dict[str, Stored] = {
    "users": Stored("User"),
    "environments": Stored("Environment", derived=("applications",)),
    "applications": Stored(
        "Application",
        derived=("owner", "deployments"),
        own={"owner_id": _STRING, "_deployment_ids": {"type": "array", "items": _STRING}},
    ),
    "deployments": Stored("Deployment", derived=("logs",)),
    "logs": Stored(
        "LogEntry",  # a deployment's lines, each a LogEntry
        own={"deployment_id": _STRING},
        key="deployment_id",
    ),
    "access": Stored("ApplicationAccess", key="application_id"),
    "webhooks": Stored("Webhook", own={SECRET_FIELD: _STRING}),
    "deliveries": Stored("WebhookDelivery", own={"_payload": {"type": "object"}}),
}
_REQUIRED_OWN = {"owner_id", "deployment_id", SECRET_FIELD, "_payload"}


def _stored_schema(contract: miso_contract.Contract, kind: str) -> dict[str, Any]:
    stored = KINDS[kind]
    schema = dict(contract.inline(contract.schema(stored.schema)))
    if kind == "logs":
        return {
            "type": "object",
            "required": ["deployment_id", "lines"],
            "properties": {"deployment_id": _STRING, "lines": {"type": "array", "items": schema}},
        }
    properties = {k: v for k, v in schema.get("properties", {}).items() if k not in stored.derived}
    required = [name for name in schema.get("required", []) if name not in stored.derived]
    required += [name for name in stored.own if name in _REQUIRED_OWN]
    return {**schema, "properties": {**properties, **stored.own}, "required": required}


def depth(value: Any) -> int:
    """How deeply `value` nests (without recursion, so any depth can be measured)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        node, level = pending.pop()
        deepest = max(deepest, level)
        if isinstance(node, Mapping):
            pending.extend((child, level + 1) for child in node.values())
        elif isinstance(node, list):
            pending.extend((child, level + 1) for child in node)
    return deepest


def problems(snapshot: Any, contract: miso_contract.Contract) -> Iterator[str]:
    """What is wrong with `snapshot`, one sentence each; nothing when it can be restored."""
    if depth(snapshot) > MAX_DEPTH:
        yield f"nested deeper than {MAX_DEPTH} levels"
        return
    if not isinstance(snapshot, Mapping):
        yield "a snapshot is a JSON object"
        return
    records, counters = snapshot.get("records"), snapshot.get("counters")
    if not isinstance(records, Mapping) or not isinstance(counters, Mapping):
        yield "a snapshot has 'records' and 'counters' objects"
        return
    for kind, value in counters.items():
        if kind not in KINDS or type(value) is not int or value < 0:
            yield f"counters.{kind}: a kind of record, counting from a whole number >= 0"
    for kind, by_key in records.items():
        if kind not in KINDS:
            yield f"records.{kind}: not a kind of record (known: {', '.join(KINDS)})"
        elif not isinstance(by_key, Mapping):
            yield f"records.{kind}: an object of records by their {KINDS[kind].key}"
        else:
            yield from _kind_problems(contract, kind, by_key, counters.get(kind))


def _kind_problems(
    contract: miso_contract.Contract, kind: str, by_key: Mapping[str, Any], counter: Any
) -> Iterator[str]:
    key_field = KINDS[kind].key
    validator = Draft4ResponseValidator(
        _stored_schema(contract, kind), format_checker=Draft4Validator.FORMAT_CHECKER
    )
    highest = 0
    for key, record in by_key.items():
        where = f"records.{kind}.{key}"
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
        if errors:
            error = errors[0]
            path = ".".join(str(part) for part in error.absolute_path)
            if (
                error.validator == "required"
                and kind == "webhooks"
                and SECRET_FIELD in str(error.message)
            ):
                yield f"{where}: no secret (export with GET /_mock/state?secrets=true to keep it)"
            else:
                yield f"{where}{'.' + path if path else ''}: {error.message}"
            continue
        if record[key_field] != key:
            yield f"{where}: stored under {key!r} but its {key_field} is {record[key_field]!r}"
        number = _TRAILING_NUMBER.search(key)
        highest = max(highest, int(number.group(1)) if number and key_field == "id" else 0)
    if isinstance(counter, int) and counter < highest:
        yield f"counters.{kind} is {counter}: new ids would reuse existing ones (highest {highest})"


def without_secrets(snapshot: Snapshot) -> Snapshot:
    """`snapshot` with every webhook's signing secret left out."""
    records = dict(snapshot.get("records", {}))
    records["webhooks"] = {
        key: {k: v for k, v in hook.items() if k != SECRET_FIELD}
        for key, hook in records.get("webhooks", {}).items()
    }
    return {**snapshot, "records": records}
