"""The one interface handlers keep state behind, and its in-memory and file-backed forms.

Records are JSON documents grouped by kind ("applications", "deployments", ...). A new backend
implements `Store`; handlers never see which one runs.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Protocol

Record = dict[str, Any]
Snapshot = dict[str, Any]


def interned(document: Any) -> Any:
    """`document` with every object key and every string value interned.

    A parsed JSON body brings its own copy of each key ("image", "resources", ...) and each
    value ("production", "500m", ...); the records a create stores live as long as the mock,
    so records share one copy of each instead. An interned string goes when its last user
    does, so nothing piles up.
    """
    if isinstance(document, str):
        return sys.intern(document)
    if isinstance(document, dict):
        return {sys.intern(key): interned(value) for key, value in document.items()}
    if isinstance(document, list):
        return [interned(item) for item in document]
    return document


@functools.lru_cache(maxsize=4096)  # every listing and every detail sorts the same ids again
def natural_key(value: str) -> tuple[Any, ...]:
    """Sort `app-9` before `app-10`."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


class Store(Protocol):
    def get(self, kind: str, key: str) -> Record | None: ...

    def put(self, kind: str, key: str, record: Record) -> None: ...

    def delete(self, kind: str, key: str) -> Record | None: ...

    def all(self, kind: str) -> list[Record]: ...

    def find(self, kind: str, field: str, value: Any) -> list[Record]: ...

    def next_id(self, kind: str, prefix: str) -> str: ...

    def snapshot(self) -> Snapshot: ...

    def restore(self, snapshot: Snapshot) -> None: ...


class MemoryStore:
    """Everything in dictionaries; the default backend."""

    def __init__(self, snapshot: Snapshot | None = None) -> None:
        self._records: dict[str, dict[str, Record]] = {}
        self._counters: dict[str, int] = {}
        # (kind, field) -> field value -> keys; built by the first `find`, kept by every write.
        # Lists, not sets: a value has one key or a few, and a one-key set takes 216 bytes.
        self._indexes: dict[tuple[str, str], dict[Any, list[str]]] = {}
        if snapshot is not None:
            self.restore(snapshot)

    def get(self, kind: str, key: str) -> Record | None:
        return self._records.get(kind, {}).get(key)

    def put(self, kind: str, key: str, record: Record) -> None:
        records = self._records.setdefault(kind, {})
        self._unindex(kind, key, records.get(key))
        records[key] = record
        for (indexed_kind, field), index in self._indexes.items():
            if indexed_kind == kind:
                index.setdefault(record.get(field), []).append(key)

    def delete(self, kind: str, key: str) -> Record | None:
        record = self._records.get(kind, {}).pop(key, None)
        self._unindex(kind, key, record)
        return record

    def all(self, kind: str) -> list[Record]:
        return list(self._records.get(kind, {}).values())

    def find(self, kind: str, field: str, value: Any) -> list[Record]:
        """Records whose `field` equals `value`, without a scan: uniqueness checks (an
        application's name) would otherwise grow slower with every record created."""
        index = self._indexes.get((kind, field))
        records = self._records.get(kind, {})
        if index is None:
            index = {}
            for key, record in records.items():
                index.setdefault(record.get(field), []).append(key)
            self._indexes[(kind, field)] = index
        found = (records.get(key) for key in sorted(index.get(value, ()), key=natural_key))
        return [r for r in found if r is not None and r.get(field) == value]

    def _unindex(self, kind: str, key: str, record: Record | None) -> None:
        if record is None:
            return
        for (indexed_kind, field), index in self._indexes.items():
            if indexed_kind == kind:
                keys = index.get(record.get(field))
                if keys is not None and key in keys:
                    keys.remove(key)
                    if not keys:
                        del index[record.get(field)]

    def next_id(self, kind: str, prefix: str) -> str:
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return f"{prefix}-{self._counters[kind]}"

    def snapshot(self) -> Snapshot:
        return copy.deepcopy({"records": self._records, "counters": self._counters})

    def restore(self, snapshot: Snapshot) -> None:
        if not isinstance(snapshot.get("records"), dict) or not isinstance(
            snapshot.get("counters"), dict
        ):
            raise ValueError("a snapshot has 'records' and 'counters' objects")
        self._records = copy.deepcopy(snapshot["records"])
        self._counters = {str(k): int(v) for k, v in snapshot["counters"].items()}
        self._indexes = {}


class FileStore(MemoryStore):
    """A memory store that writes itself to a JSON file after every change.

    Writes go to a temporary file in the same directory and are renamed over the old one, so a
    crash leaves either the old state or the new one, never half of each.
    """

    def __init__(self, path: Path, initial: Snapshot) -> None:
        self.path = path
        super().__init__(json.loads(path.read_text()) if path.exists() else initial)
        self.flush()

    def put(self, kind: str, key: str, record: Record) -> None:
        super().put(kind, key, record)
        self.flush()

    def delete(self, kind: str, key: str) -> Record | None:
        record = super().delete(kind, key)
        self.flush()
        return record

    def next_id(self, kind: str, prefix: str) -> str:
        value = super().next_id(kind, prefix)
        self.flush()
        return value

    def restore(self, snapshot: Snapshot) -> None:
        super().restore(snapshot)
        if hasattr(self, "path"):
            self.flush()

    def flush(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"records": self._records, "counters": self._counters})
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
