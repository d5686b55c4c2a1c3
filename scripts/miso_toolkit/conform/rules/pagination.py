"""Pagination: every page describes itself truthfully, and the pages add up to the collection.

Which operations page, their `page`/`limit` parameters with defaults and bounds, and the
fields of the `Pagination` object come from the spec (see `_spec.py`). Walking all pages is
done once per collection (path and filters) and operation budget, and only trusted when two
walks in a row agree, so a collection that changes while it is walked is not a finding.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from miso_contract import LIMIT_PARAMETER, PAGE_PARAMETER

from ._check import Verdict, miso_check, succeeded, violation
from ._context import Inconclusive, RuleContext
from ._registry import Rule, Violation
from ._spec import ListRules
from ._values import as_int, json_body, query_pairs, with_query

RULE = Rule(
    "miso_pagination",
    "a page holds at most `limit` items, `pages` is ceil(total / limit), `has_next`/`has_prev` "
    "agree with `page` and `pages`, and walking every page yields `total` distinct items",
)
MAX_WALK_PAGES = 20
WALKS_PER_OPERATION = 3
WALK_ATTEMPTS = 3
_PENDING, _MISSING, _CHANGING = object(), object(), object()


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    limit: int
    total: int
    pages: int
    has_next: bool
    has_prev: bool


def read_page(body: Any, rules: ListRules) -> Page | None:
    """The page in a list answer, or None if it is not shaped like one."""
    if not isinstance(body, dict):
        return None
    items, info = body.get(rules.data), body.get(rules.pagination)
    if not isinstance(items, list) or not isinstance(info, dict):
        return None
    numbers = [as_int(info.get(name)) for name in ("page", "limit", "total", "pages")]
    flags = [info.get(name) for name in ("has_next", "has_prev")]
    if any(n is None for n in numbers) or not all(isinstance(f, bool) for f in flags):
        return None
    page, limit, total, pages = (int(n) for n in numbers if n is not None)
    return Page(items, page, limit, total, pages, bool(flags[0]), bool(flags[1]))


@miso_check(RULE)
def miso_pagination(run: RuleContext, response: Any, case: Any) -> Verdict:
    rules = run.spec.lists.get(case.operation.label)
    if rules is None or not succeeded(response, case):
        return None
    page = read_page(json_body(response.content), rules)
    if page is None or page.limit < 1:
        return None
    query = dict(query_pairs(response))
    asked_page = as_int(query.get(PAGE_PARAMETER, rules.page_default))
    asked_limit = as_int(query.get(LIMIT_PARAMETER, rules.limit_default))
    found = _page_rules(case, page, asked_page, asked_limit)
    if not found and rules.identity is not None:
        found += _walk_rule(run, rules, case, response, page) or []
    return found


def _page_rules(case: Any, p: Page, asked_page: int | None, asked_limit: int | None) -> Verdict:
    found: list[Violation] = []

    def breach(kind: str, title: str, message: str) -> None:
        found.append(violation(case, RULE, kind, title, message))

    asked = (asked_page or p.page, asked_limit or p.limit)
    if asked != (p.page, p.limit):
        breach(
            "echo",
            "`pagination` does not describe the page asked for",
            f"asked for page {asked[0]} of {asked[1]}, answered page {p.page} of {p.limit}",
        )
    expected_pages = math.ceil(p.total / p.limit)
    if p.pages != expected_pages:
        breach(
            "pages",
            "`pages` is not ceil(total / limit)",
            f"total {p.total}, limit {p.limit}: pages should be {expected_pages}, not {p.pages}",
        )
    if p.has_next != (p.page < p.pages) or p.has_prev != (p.page > 1):
        breach(
            "flags",
            "`has_next`/`has_prev` disagree with `page` and `pages`",
            f"page {p.page} of {p.pages}: has_next should be {p.page < p.pages} "
            f"(is {p.has_next}), has_prev should be {p.page > 1} (is {p.has_prev})",
        )
    expected = max(0, min(p.limit, p.total - (p.page - 1) * p.limit))
    if len(p.items) > p.limit:
        breach(
            "size",
            "a page holds more than `limit` items",
            f"{len(p.items)} items on a page of limit {p.limit}",
        )
    elif len(p.items) != expected:
        breach(
            "count",
            "a page does not hold the items its number says",
            f"page {p.page} of limit {p.limit} in a collection of {p.total} should hold "
            f"{expected} items, holds {len(p.items)}",
        )
    return found


def _walk_rule(run: RuleContext, rules: ListRules, case: Any, response: Any, p: Page) -> Verdict:
    """Walk the whole collection once per path and filters; later answers reuse the verdict,
    so a replayed case fails the same way."""
    pairs = [(k, v) for k, v in query_pairs(response) if k not in (PAGE_PARAMETER, LIMIT_PARAMETER)]
    path = run.sent_path(response).split("?", 1)[0]
    key = ("walk", rules.label, path, tuple(sorted(pairs)))
    with run.lock:
        cached = run.memo.get(key, _MISSING)
        if cached is _MISSING:
            spent = run.memo.get(("walks", rules.label), 0)
            if spent >= WALKS_PER_OPERATION:
                return None
            run.memo[("walks", rules.label)] = spent + 1
            run.memo[key] = _PENDING
    if cached is _PENDING:
        return None  # another worker is walking it right now
    if cached is not _MISSING:
        return _with_case(case, cached)
    try:
        verdict = _walk(run, rules, path, pairs, p)
    except Inconclusive:
        with run.lock:
            run.memo.pop(key, None)  # a later answer may walk it
            run.memo[("walks", rules.label)] -= 1
        raise
    with run.lock:
        run.memo[key] = verdict
    return _with_case(case, verdict)


def _with_case(case: Any, verdict: Any) -> Verdict:
    if verdict is _CHANGING:
        raise Inconclusive(
            f"the collection changed during each of {WALK_ATTEMPTS} walks of its pages"
        )
    if verdict is None:
        return None
    return [violation(case, RULE, "walk", verdict[0], verdict[1])] if verdict else []


def _walk_limit(rules: ListRules, total: int, asked: int) -> int | None:
    """A page size that makes the walk cross page boundaries in few requests."""
    if 2 <= math.ceil(total / asked) <= MAX_WALK_PAGES:
        return asked
    low, high = rules.limit_bounds
    limit = min(high, max(low, math.ceil(total / 3)))
    return limit if total >= 2 and math.ceil(total / limit) <= MAX_WALK_PAGES else None


@dataclass(frozen=True)
class _Walk:
    ids: tuple[str, ...]
    total: int
    pages: int


def _walk(
    run: RuleContext, rules: ListRules, path: str, pairs: list[tuple[str, str]], first: Page
) -> tuple[str, str] | tuple[()] | object | None:
    """() when the pages add up, (title, message) when two walks in a row agree they do not,
    None when no walk was possible, `_CHANGING` when the collection kept changing."""
    limit = _walk_limit(rules, first.total, first.limit)
    if limit is None:
        return None
    previous: _Walk | None = None
    for _ in range(WALK_ATTEMPTS):
        walk = _walk_once(run, rules, path, pairs, limit)
        if walk is None:
            previous = None
            continue
        if len(walk.ids) == len(set(walk.ids)) == walk.total:
            return ()
        if walk == previous:
            return _walk_finding(path, pairs, limit, walk)
        previous = walk
    return _CHANGING


def _walk_once(
    run: RuleContext, rules: ListRules, path: str, pairs: list[tuple[str, str]], limit: int
) -> _Walk | None:
    ids: list[str] = []
    total = pages = None
    number = 1
    while True:
        query = [*pairs, (PAGE_PARAMETER, str(number)), (LIMIT_PARAMETER, str(limit))]
        reply = run.request("GET", with_query(path, query))
        page = read_page(json_body(reply.body), rules) if reply.status == 200 else None
        if page is None or (total is not None and page.total != total):
            return None  # refused, or the collection changed under the walk
        if total is not None and page.pages != pages:
            return None
        if total is None:
            total, pages = page.total, page.pages
            if pages > MAX_WALK_PAGES:
                return None
        ids += [_identity(item, rules.identity) for item in page.items]
        number += 1
        if pages is None or number > pages:
            return _Walk(tuple(ids), total, pages or 0)


def _identity(item: Any, field: str | None) -> str:
    value = item.get(field) if isinstance(item, dict) and field else item
    return json.dumps(value, sort_keys=True)


def _walk_finding(
    path: str, pairs: list[tuple[str, str]], limit: int, walk: _Walk
) -> tuple[str, str]:
    distinct = len(set(walk.ids))
    repeated = sorted({i for i in walk.ids if walk.ids.count(i) > 1})
    message = (
        f"walked {walk.pages} pages of {limit} of {with_query(path, pairs)}: "
        f"{len(walk.ids)} items, {distinct} distinct, but `total` is {walk.total}"
    )
    if repeated:
        message += f"; on more than one page: {', '.join(repeated[:5])}"
    message += ". Two walks in a row gave the same pages, so the collection did not change."
    return "walking every page does not yield `total` distinct items", message
