"""The one interface handlers keep state behind, and its in-memory form.

Records are JSON documents grouped by kind ("applications", "deployments", ...). A new backend
implements `Store`; handlers never see which one runs. `FileStore` (a journal on disk) and
`RedisStore` (state shared by replicas) live in their own modules.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from miso_mock.errors import MisoError
from miso_mock.store_index import Index, index_name, natural_key

__all__ = [
    "MemoryStore",
    "Record",
    "Snapshot",
    "Store",
    "StoreUnavailable",
    "UniqueViolation",
    "interned",
    "natural_key",
]

Record = dict[str, Any]
Snapshot = dict[str, Any]
Change = Callable[[Record], Record]


class UniqueViolation(Exception):
    """A write would give two records of one kind the same value of a unique field."""

    def __init__(self, kind: str, field: str, value: Any) -> None:
        super().__init__(f"another {kind} record has {field} = {value!r}")
        self.kind, self.field, self.value = kind, field, value


class StoreUnavailable(MisoError):
    """The store cannot be reached (a shared store's server is down): 503, retry soon."""

    RETRY_AFTER_SECONDS = 1

    def __init__(self, message: str) -> None:
        super().__init__(
            503,
            "State store unavailable, retry shortly",
            [{"field": "store", "message": message}],
            {"Retry-After": str(self.RETRY_AFTER_SECONDS)},
        )


def interned(document: Any) -> Any:
    """`document` with every object key and every string value interned.

    A parsed JSON body brings its own copy of each key ("image", "resources", ...) and each
    value ("production", "500m", ...); stored records live as long as the mock, so they share
    one copy of each instead. An interned string goes when its last user does, so nothing
    piles up. The copy also means no caller keeps a handle on what the store holds.
    """
    if isinstance(document, str):
        return sys.intern(document)
    if isinstance(document, dict):
        return {sys.intern(key): interned(value) for key, value in document.items()}
    if isinstance(document, list):
        return [interned(item) for item in document]
    return document


class Store(Protocol):
    def get(self, kind: str, key: str) -> Record | None: ...

    def get_many(self, kind: str, keys: list[str]) -> list[Record | None]:
        """The records of `keys`, in order (None where there is none): one round trip for a
        shared store, where a `get` each would be one apiece."""

    def put(self, kind: str, key: str, record: Record, unique: tuple[str, ...] = ()) -> None:
        """Store `record`; with `unique`, refuse (UniqueViolation) if another record of the
        kind has the same value in one of those fields, atomically with the write."""

    def update(
        self, kind: str, key: str, change: Change, unique: tuple[str, ...] = ()
    ) -> Record | None:
        """Replace a record by `change(record)` without losing a concurrent write (the change
        is applied again to the newer record); None when there is no such record."""

    def delete(self, kind: str, key: str) -> Record | None: ...

    def all(self, kind: str) -> list[Record]: ...

    def find(self, kind: str, field: str, value: Any) -> list[Record]: ...

    def count(self, kind: str, where: Mapping[str, Any]) -> int: ...

    def page(
        self, kind: str, where: Mapping[str, Any], order: str | None, offset: int, limit: int
    ) -> tuple[list[Record], int]:
        """Records whose fields equal `where`, ordered by `order` (`field:asc|desc`, ties by
        id ascending; None: by id), `limit` of them from `offset` on, and how many match."""

    def next_id(self, kind: str, prefix: str) -> str: ...

    def snapshot(self) -> Snapshot: ...

    def restore(self, snapshot: Snapshot) -> None: ...

    def close(self) -> None: ...


def check_snapshot(snapshot: Snapshot) -> None:
    if not isinstance(snapshot.get("records"), dict) or not isinstance(
        snapshot.get("counters"), dict
    ):
        raise ValueError("a snapshot has 'records' and 'counters' objects")
    for kind, records in snapshot["records"].items():
        if not isinstance(records, dict) or not all(isinstance(r, dict) for r in records.values()):
            raise ValueError(f"records of {kind!r} are an object of id to record object")
    for kind, value in snapshot["counters"].items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"counter {kind!r} is not an integer")


class MemoryStore:
    """Everything in dictionaries; the default backend.

    Indexes are built by the first query that needs them and kept current by every write, so
    a listing or a uniqueness check costs the same at 100 records as at 50,000.
    """

    def __init__(self, snapshot: Snapshot | None = None) -> None:
        self._records: dict[str, dict[str, Record]] = {}
        self._counters: dict[str, int] = {}
        self._naturals: dict[str, dict[str, tuple[Any, ...]]] = {}
        self._indexes: dict[str, dict[tuple[tuple[str, ...], str | None], Index]] = {}
        if snapshot is not None:
            self.restore(snapshot)

    def get(self, kind: str, key: str) -> Record | None:
        return self._records.get(kind, {}).get(key)

    def get_many(self, kind: str, keys: list[str]) -> list[Record | None]:
        records = self._records.get(kind, {})
        return [records.get(key) for key in keys]

    def put(self, kind: str, key: str, record: Record, unique: tuple[str, ...] = ()) -> None:
        for field in unique:
            for other in self.find(kind, field, record.get(field)):
                if other["id"] != key:
                    raise UniqueViolation(kind, field, record.get(field))
        key = sys.intern(key)
        record = interned(record)
        records = self._records.setdefault(kind, {})
        naturals = self._naturals.setdefault(kind, {})
        natural = naturals.get(key)
        if natural is None:
            natural = naturals[key] = natural_key(key)
        old = records.get(key)
        records[key] = record
        for index in self._indexes.get(kind, {}).values():
            if old is not None:
                index.remove(key, old, natural)
            index.add(key, record, natural)

    def update(
        self, kind: str, key: str, change: Change, unique: tuple[str, ...] = ()
    ) -> Record | None:
        record = self.get(kind, key)
        if record is None:
            return None
        updated = change(record)
        self.put(kind, key, updated, unique)
        return self.get(kind, key)

    def delete(self, kind: str, key: str) -> Record | None:
        record = self._records.get(kind, {}).pop(key, None)
        if record is not None:
            natural = self._naturals[kind].pop(key)
            for index in self._indexes.get(kind, {}).values():
                index.remove(key, record, natural)
        return record

    def all(self, kind: str) -> list[Record]:
        return list(self._records.get(kind, {}).values())

    def find(self, kind: str, field: str, value: Any) -> list[Record]:
        """Records whose `field` equals `value`, by id, without a scan."""
        records, _total = self.page(kind, {field: value}, None, 0, None)
        return records

    def count(self, kind: str, where: Mapping[str, Any]) -> int:
        if not where:
            return len(self._records.get(kind, {}))
        fields, order = index_name(where, None)
        return self._index(kind, fields, order).size(tuple(where[f] for f in fields))

    def page(
        self,
        kind: str,
        where: Mapping[str, Any],
        order: str | None,
        offset: int,
        limit: int | None,
    ) -> tuple[list[Record], int]:
        fields, order = index_name(where, order)
        index = self._index(kind, fields, order)
        values = tuple(where[f] for f in fields)
        records = self._records.get(kind, {})
        return [records[key] for key in index.keys(values, offset, limit)], index.size(values)

    def _index(self, kind: str, fields: tuple[str, ...], order: str | None) -> Index:
        indexes = self._indexes.setdefault(kind, {})
        index = indexes.get((fields, order))
        if index is None:
            index = Index(fields, order)
            index.build(self._records.get(kind, {}), self._naturals.get(kind, {}))
            indexes[(fields, order)] = index
        return index

    def next_id(self, kind: str, prefix: str) -> str:
        self._counters[kind] = self._counters.get(kind, 0) + 1
        return f"{prefix}-{self._counters[kind]}"

    def snapshot(self) -> Snapshot:
        return copy.deepcopy({"records": self._records, "counters": self._counters})

    def restore(self, snapshot: Snapshot) -> None:
        check_snapshot(snapshot)  # before anything changes: a bad snapshot changes nothing
        self._records = {}
        self._naturals = {}
        self._indexes = {}
        self._counters = {str(k): int(v) for k, v in snapshot["counters"].items()}
        for kind, records in snapshot["records"].items():
            self._records[kind] = {}
            for key, record in records.items():
                self.put(kind, key, record)

    def close(self) -> None:
        """Nothing to release: the state goes with the process."""
