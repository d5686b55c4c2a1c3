"""What was on the instance before the run, and whether it is all still there after.

Every collection the spec lets a client list whole (a paginated GET without path parameters)
is walked before the first test and again after the clean-up. A record that was there before
and is missing after, or reads differently, is reported: with writes limited to what the run
created, neither should happen by the run's doing (another client of a shared instance may
still change or remove its own records, which the report cannot tell apart).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from miso_contract import LIMIT_PARAMETER, PAGE_PARAMETER

from ._auth import AuthError
from ._http import Client, Unreachable
from .rules import ListRules, SpecRules
from .rules._values import with_query

MAX_PAGES = 50


@dataclass(frozen=True)
class InventoryReport:
    collections: int
    records: int
    missing: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unlisted: tuple[str, ...] = field(default_factory=tuple)  # could not be listed, and why

    @property
    def intact(self) -> bool:
        return not self.missing and not self.changed


Records = dict[str, dict[str, str]]  # collection path -> id -> the record as JSON text


def take(spec: SpecRules, client: Client, token: Callable[[], str]) -> tuple[Records, list[str]]:
    """Every record of every listable collection, by collection and id."""
    found: Records = {}
    problems: list[str] = []
    for rules in spec.lists.values():
        path = rules.label.split(" ", 1)[1]
        if "{" in path or rules.identity is None:
            continue
        try:
            found[path] = _walk(rules, path, client, token)
        except _Unlisted as exc:
            problems.append(f"{path}: {exc}")
    return found, problems


def compare(before: Records, after: Records, problems: list[str]) -> InventoryReport:
    missing, changed = [], []
    for path, records in before.items():
        now = after.get(path)
        if now is None:
            continue
        for identity, text in records.items():
            if identity not in now:
                missing.append(f"{path}/{identity}")
            elif now[identity] != text:
                changed.append(f"{path}/{identity}")
    return InventoryReport(
        collections=len(before),
        records=sum(len(r) for r in before.values()),
        missing=tuple(missing),
        changed=tuple(changed),
        unlisted=tuple(problems),
    )


class _Unlisted(Exception):
    pass


def _walk(rules: ListRules, path: str, client: Client, token: Callable[[], str]) -> dict[str, str]:
    limit = rules.limit_bounds[1]
    records: dict[str, str] = {}
    for number in range(1, MAX_PAGES + 1):
        query = [(PAGE_PARAMETER, str(number)), (LIMIT_PARAMETER, str(limit))]
        try:
            reply = client.request(
                "GET", with_query(path, query), headers={"Authorization": f"Bearer {token()}"}
            )
        except (Unreachable, AuthError) as exc:
            raise _Unlisted(str(exc)) from exc
        if reply.status != 200:
            raise _Unlisted(f"page {number} answered {reply.status}")
        body: Any = reply.json()
        items = body.get(rules.data) if isinstance(body, dict) else None
        paging = body.get(rules.pagination) if isinstance(body, dict) else None
        if not isinstance(items, list) or not isinstance(paging, dict):
            raise _Unlisted(f"page {number} is not a page")
        for item in items:
            if isinstance(item, dict) and rules.identity in item:
                records[str(item[rules.identity])] = json.dumps(item, sort_keys=True)
        if not paging.get("has_next"):
            return records
    raise _Unlisted(f"more than {MAX_PAGES} pages")
