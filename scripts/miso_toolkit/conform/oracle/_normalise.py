"""What legitimately differs between the instance and the oracle, taken out before comparing.

Each side's answer becomes a fingerprint: the same tree with every value that may differ
without breaking a rule replaced by a marker that says only that it is there.

- Identifiers (`id`, `*_id`) differ by construction: the two sides are paired as they are first
  seen at the same place, and each becomes the same placeholder on both sides.
- Timestamps (`format: date-time`) and URLs (`format: uri`) are compared by being set or null
  (`completed_at` null while a deployment runs is a rule; its value is a clock's).
- Numbers measured in time (a schema whose description speaks of seconds) are timings.
- Free text the request did not set (a log message, the caller's name) is the instance's own;
  text the scenario sent is compared exactly, wherever it shows, so an update that drops a
  field, or a create that ignores one, shows as the old or default value.
- Lists of objects without an identity (log lines) are content, compared by being there.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from miso_contract import Contract

TIMING = re.compile(r"\bseconds?\b", re.IGNORECASE)
LOOSE_FORMATS = frozenset({"date-time", "date", "uri", "url"})
SET, TEXT, TIMED, ENTRIES = "<set>", "<text>", "<timing>", "<entries>"


def is_identity(key: str) -> bool:
    return key == "id" or key.endswith("_id")


class IdMap:
    """Pairs of identifiers, instance to oracle, each with a placeholder of its own."""

    def __init__(self) -> None:
        self._instance: dict[str, str] = {}
        self._oracle: dict[str, str] = {}
        self._lock = threading.Lock()

    def pair(self, instance: str, oracle: str) -> bool:
        """Pair two ids first seen at the same place; False when either is paired elsewhere."""
        with self._lock:
            known_i, known_o = self._instance.get(instance), self._oracle.get(oracle)
            if known_i is None and known_o is None:
                placeholder = f"<id {len(self._instance) + 1}>"
                self._instance[instance] = placeholder
                self._oracle[oracle] = placeholder
                return True
            return known_i is not None and known_i == known_o

    def placeholder(self, side: str, value: str) -> str | None:
        with self._lock:
            return (self._instance if side == "instance" else self._oracle).get(value)

    def oracle_id(self, instance: str) -> str | None:
        with self._lock:
            placeholder = self._instance.get(instance)
            if placeholder is None:
                return None
            return next((o for o, p in self._oracle.items() if p == placeholder), None)


def learn_ids(ids: IdMap, instance: Any, oracle: Any, *, key: str = "") -> None:
    """Pair the ids found at the same places of two answers (lists position by position)."""
    if isinstance(instance, Mapping) and isinstance(oracle, Mapping):
        for name in oracle.keys() & instance.keys():
            learn_ids(ids, instance[name], oracle[name], key=str(name))
    elif isinstance(instance, list) and isinstance(oracle, list):
        for left, right in zip(instance, oracle, strict=False):
            learn_ids(ids, left, right, key=key)
    elif is_identity(key) and isinstance(instance, str) and isinstance(oracle, str):
        ids.pair(instance, oracle)


class Normaliser:
    """Fingerprints answers of one scenario (which knows the text it sent)."""

    def __init__(self, contract: Contract, ids: IdMap) -> None:
        self.contract = contract
        self.ids = ids
        self.sent: set[str] = set()

    def remember_sent(self, body: Any) -> None:
        """Every string of a request body: where the oracle echoes one, it is compared."""
        if isinstance(body, str):
            self.sent.add(body)
        elif isinstance(body, Mapping):
            for value in body.values():
                self.remember_sent(value)
        elif isinstance(body, list):
            for value in body:
                self.remember_sent(value)

    def fingerprint(self, side: str, value: Any, schema: Any, key: str = "") -> Any:
        schema = self._schema(schema)
        if value is None:
            return None
        if isinstance(value, Mapping):
            properties = self.contract.properties(schema)
            extra = schema.get("additionalProperties") if isinstance(schema, Mapping) else None
            return {
                str(name): self.fingerprint(
                    side, item, properties.get(str(name), extra or {}), str(name)
                )
                for name, item in value.items()
            }
        if isinstance(value, list):
            items = schema.get("items", {}) if isinstance(schema, Mapping) else {}
            if value and all(isinstance(v, Mapping) and "id" not in v for v in value):
                return ENTRIES
            return [self.fingerprint(side, item, items, key) for item in value]
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return TIMED if TIMING.search(str(schema.get("description", ""))) else value
        if isinstance(value, str):
            return self._text(side, value, schema, key)
        return value

    def _text(self, side: str, value: str, schema: Mapping[str, Any], key: str) -> str:
        if is_identity(key):
            return self.ids.placeholder(side, value) or f"<unpaired {side} id>"
        if "enum" in schema or value in self.sent:
            return value
        if schema.get("format") in LOOSE_FORMATS:
            return SET
        return TEXT

    def _schema(self, schema: Any) -> Mapping[str, Any]:
        """The schema with refs followed and a single `allOf`/`oneOf` branch merged in."""
        schema = self.contract.resolve(schema or {})
        if not isinstance(schema, Mapping):
            return {}
        for combinator in ("allOf", "oneOf", "anyOf"):
            branches = schema.get(combinator)
            if isinstance(branches, list) and branches:
                merged: dict[str, Any] = {}
                for branch in branches:
                    resolved = self.contract.resolve(branch)
                    if isinstance(resolved, Mapping):
                        merged.update(resolved)
                merged.update({k: v for k, v in schema.items() if k != combinator})
                return merged
        return schema
