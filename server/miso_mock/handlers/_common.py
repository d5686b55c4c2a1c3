"""What several handler modules need: the principal, listing (filter, sort, page), lookups."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from connexion.context import context

from miso_mock.context import current
from miso_mock.errors import MisoError, field_error, not_found
from miso_mock.store import Record, natural_key

Body = dict[str, Any]
Result = tuple[Body, int]


def claims() -> dict[str, Any]:
    """The verified token's claims for the current request."""
    info: dict[str, Any] = context["token_info"]
    return info


def require(kind: str, record_id: str, label: str) -> Record:
    record = current().store.get(kind, record_id)
    if record is None:
        raise not_found(label, record_id)
    return record


def public(record: Record) -> Body:
    """A stored record without the fields the mock keeps for itself (`_`-prefixed)."""
    return {key: value for key, value in record.items() if not key.startswith("_")}


def sort_records(records: Iterable[Record], sort: str) -> list[Record]:
    """`field:asc|desc`, ties by id ascending (Python's sort is stable, also reversed)."""
    field, _, direction = sort.partition(":")
    ordered = sorted(records, key=lambda r: natural_key(r["id"]))
    return sorted(
        ordered,
        key=lambda r: (r.get(field) is None, r.get(field) or ""),
        reverse=direction == "desc",
    )


def page_of(items: list[Body], page: int, limit: int) -> Body:
    """The reference's `{data, pagination}` for one page of `items`."""
    start = (page - 1) * limit
    return page_body(items[start : start + limit], page, limit, len(items))


def page_body(data: list[Body], page: int, limit: int, total: int) -> Body:
    """The reference's `{data, pagination}` around a page the store already cut out."""
    pages = math.ceil(total / limit)
    return {
        "data": data,
        "pagination": {
            "page": page,
            "limit": limit,
            "total": total,
            "pages": pages,
            "has_next": page < pages,
            "has_prev": page > 1,
        },
    }


def environment_named(name: str, field: str = "environment") -> Record:
    """The environment an application's `environment` names, or 422."""
    for env in current().store.all("environments"):
        if env["name"].lower() == name:
            return env
    names = sorted(env["name"].lower() for env in current().store.all("environments"))
    raise field_error(422, field, f"No environment named {name} (known: {', '.join(names)})")


def spec_default(schema: str, prop: str) -> Any:
    """A property's default as the spec states it."""
    return current().contract.schema(schema)["properties"][prop]["default"]


def conflict(field: str, message: str) -> MisoError:
    return field_error(409, field, message)
