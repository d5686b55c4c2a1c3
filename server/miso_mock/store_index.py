"""Sorted, grouped views of one kind of record, kept current by every write.

A listing asks for the records whose fields equal some values (`status=active`), in some order
(`name:desc`, ties by id), one page at a time. Walking and sorting every record per request
grows with the store; an index answers from a list that is already grouped and sorted, so a
page costs a dictionary lookup and a slice, and a write costs a binary search per index.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

Record = dict[str, Any]


@functools.lru_cache(maxsize=4096)  # every listing and every detail sorts the same ids again
def natural_key(value: str) -> tuple[Any, ...]:
    """Sort `app-9` before `app-10`."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


def parse_order(order: str | None) -> tuple[str | None, bool]:
    """`field:asc|desc` → (field, descending); None orders by id alone."""
    if not order:
        return None, False
    field, _, direction = order.partition(":")
    return field, direction == "desc"


class _Descending:
    """Wraps a sort value so that it orders backwards inside an ascending tuple.

    A descending listing still breaks ties by id ascending, so the entries cannot simply be
    read from the end of the ascending list.
    """

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


def order_value(record: Record, field: str) -> tuple[bool, Any]:
    """What a record sorts by on `field`: missing values after all others."""
    value = record.get(field)
    return (value is None, value if value is not None else "")


class Index:
    """Records of one kind grouped by `fields` and sorted by `order` within each group.

    An entry is `(sort value..., natural id key, id)`; the id is the store key, which is also
    every listed record's `id`.
    """

    def __init__(self, fields: tuple[str, ...], order: str | None) -> None:
        self.fields = fields
        self.order_field, self.descending = parse_order(order)
        self.groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}

    def group_of(self, record: Record) -> tuple[Any, ...]:
        return tuple(record.get(field) for field in self.fields)

    def entry(self, key: str, record: Record, natural: tuple[Any, ...]) -> tuple[Any, ...]:
        if self.order_field is None:
            return (natural, key)
        value = order_value(record, self.order_field)
        return (_Descending(value) if self.descending else value, natural, key)

    def build(self, records: Mapping[str, Record], naturals: Mapping[str, tuple[Any, ...]]) -> None:
        groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        for key, record in records.items():
            groups.setdefault(self.group_of(record), []).append(
                self.entry(key, record, naturals[key])
            )
        for entries in groups.values():
            if not self.descending:
                entries.sort()
            else:
                # Ids descending, then values ascending (stable), then all of it reversed:
                # values descending, ties by id ascending, every comparison in C.
                entries.sort(key=lambda e: e[-2], reverse=True)
                entries.sort(key=lambda e: e[0].value)
                entries.reverse()
        self.groups = groups

    def add(self, key: str, record: Record, natural: tuple[Any, ...]) -> None:
        entries = self.groups.setdefault(self.group_of(record), [])
        bisect.insort(entries, self.entry(key, record, natural))

    def remove(self, key: str, record: Record, natural: tuple[Any, ...]) -> None:
        group = self.group_of(record)
        entries = self.groups.get(group)
        if not entries:
            return
        entry = self.entry(key, record, natural)
        at = bisect.bisect_left(entries, entry)
        if at < len(entries) and entries[at][-1] == key:
            del entries[at]
            if not entries:
                del self.groups[group]

    def keys(self, values: tuple[Any, ...], offset: int = 0, limit: int | None = None) -> list[str]:
        entries = self.groups.get(values, ())
        end = None if limit is None else offset + limit
        return [entry[-1] for entry in entries[offset:end]]

    def size(self, values: tuple[Any, ...]) -> int:
        return len(self.groups.get(values, ()))


def index_name(where: Iterable[str], order: str | None) -> tuple[tuple[str, ...], str | None]:
    """One index serves every query with the same filtered fields and order."""
    return tuple(sorted(where)), order
