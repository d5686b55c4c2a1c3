"""The stores' indexed queries answer what a sort and filter over every record would."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from miso_mock.file_store import FileStore
from miso_mock.redis_store import RedisStore
from miso_mock.store import MemoryStore, Store, UniqueViolation, natural_key

from tests.support.redis_server import RedisServer

STATUSES = ["active", "creating", "inactive", None]
ORDERS = [None] + [f"{f}:{d}" for f in ("name", "status", "created_at") for d in ("asc", "desc")]


def _by_scan(records: list[dict[str, Any]], where: dict[str, Any], order: str | None) -> list[str]:
    """The plain definition: filter, sort by id, then stable-sort by the field."""
    selected = [r for r in records if all(r.get(f) == v for f, v in where.items())]
    ordered = sorted(selected, key=lambda r: natural_key(r["id"]))
    if order:
        field, _, direction = order.partition(":")
        ordered = sorted(
            ordered,
            key=lambda r: (r.get(field) is None, r.get(field) or ""),
            reverse=direction == "desc",
        )
    return [r["id"] for r in ordered]


def _record(rng: random.Random, number: int) -> dict[str, Any]:
    return {
        "id": f"app-{number}",
        "name": f"n{rng.randrange(30)}",
        "status": rng.choice(STATUSES),
        "environment": rng.choice(["dev", "prod"]),
        "created_at": f"2024-01-{rng.randrange(1, 4):02d}",
    }


STORES = ["memory", "file", "redis"]


def _store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    empty = {"records": {}, "counters": {}}
    if kind == "redis":
        server: RedisServer = request.getfixturevalue("redis_server")
        server.flush()
        store = RedisStore(server.url)
        store.restore(empty)
        return store
    return MemoryStore(empty) if kind == "memory" else FileStore(tmp_path / "s.json", empty)


@pytest.mark.parametrize("kind", STORES)
def test_pages_match_a_full_sort_through_writes(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rng = random.Random(7)
    store = _store(kind, tmp_path, request)
    shadow: dict[str, dict[str, Any]] = {}
    queries = [
        ({}, None),
        ({"status": "active"}, "name:desc"),
        ({"status": "active", "environment": "prod"}, "created_at:asc"),
    ]
    for step in range(600):
        number = rng.randrange(120)
        if rng.random() < 0.2:
            store.delete("applications", f"app-{number}")
            shadow.pop(f"app-{number}", None)
        else:
            record = _record(rng, number)
            store.put("applications", record["id"], record)
            shadow[record["id"]] = record
        if step % 50 == 0:  # indexes built part-way through are kept current from then on
            where, order = queries[(step // 50) % len(queries)]
            store.page("applications", where, order, 0, 1)
    for order in ORDERS:
        for where in ({}, {"status": "active"}, {"status": None, "environment": "dev"}):
            expected = _by_scan(list(shadow.values()), where, order)
            page, total = store.page("applications", where, order, 5, 7)
            assert total == len(expected)
            assert [r["id"] for r in page] == expected[5:12], (where, order)
            assert store.count("applications", where) == len(expected)
    store.close()


@pytest.mark.parametrize("kind", STORES)
def test_a_unique_field_refuses_a_second_holder(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store = _store(kind, tmp_path, request)
    store.put("applications", "app-1", {"id": "app-1", "name": "one"}, unique=("name",))
    with pytest.raises(UniqueViolation):
        store.put("applications", "app-2", {"id": "app-2", "name": "one"}, unique=("name",))
    store.put("applications", "app-1", {"id": "app-1", "name": "one", "x": 1}, unique=("name",))
    assert store.get("applications", "app-2") is None
    assert store.update("applications", "app-1", lambda r: {**r, "name": "uno"}, ("name",))
    store.put("applications", "app-2", {"id": "app-2", "name": "one"}, unique=("name",))
    assert [r["id"] for r in store.find("applications", "name", "one")] == ["app-2"]
    found = store.get_many("applications", ["app-2", "app-9", "app-1"])
    assert [r and r["name"] for r in found] == ["one", None, "uno"]
    store.close()


def test_stored_records_are_the_stores_own_and_share_their_strings() -> None:
    store = MemoryStore({"records": {}, "counters": {}})
    sent = {"id": "app-1", "configuration": {"image": "".join(["my", "-app:1"])}}
    store.put("applications", "app-1", sent)
    sent["configuration"]["image"] = "changed"
    stored = store.get("applications", "app-1")
    assert stored is not None and stored["configuration"]["image"] == "my-app:1"
    store.put("applications", "app-2", {"id": "app-2", "configuration": {"image": "my-app:" + "1"}})
    other = store.get("applications", "app-2")
    assert other is not None
    assert other["configuration"]["image"] is stored["configuration"]["image"]
