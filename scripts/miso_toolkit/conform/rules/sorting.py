"""Sorting: items come in the order `sort=field:asc|desc` asks for.

The sort parameter, its orders and its default come from the spec (an enum of `field:asc`
/ `field:desc` values over the items' fields). The spec names no collation, so strings pass
in code-point or case-insensitive order (and an enum field also in its declared order): a
reversed or unsorted page fails under all of them, while a database's collation does not
cause false alarms. Where `null`s go is not stated either, so they are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from ._check import Verdict, miso_check, succeeded, violation
from ._context import RuleContext
from ._registry import Rule
from ._spec import SORT_ORDER, Schema
from ._values import excerpt, list_items, parse_time, query_pairs

RULE = Rule(
    "miso_sorting",
    "list items come in the order `sort=field:asc|desc` asks for, or in the spec's default "
    "order when no `sort` is given",
)


@miso_check(RULE)
def miso_sorting(run: RuleContext, response: Any, case: Any) -> Verdict:
    rules = run.spec.lists.get(case.operation.label)
    if rules is None or rules.sort_param is None:
        return None
    if not succeeded(response, case):
        return None
    order = dict(query_pairs(response)).get(rules.sort_param, rules.sort_default)
    match = SORT_ORDER.match(str(order))
    items = list_items(response.content, rules.data)
    if match is None or items is None:
        return None
    field, descending = match["field"], match["direction"] == "desc"
    values = [item.get(field) for item in items if isinstance(item, dict)]
    values = [value for value in values if value is not None]
    if len(values) < 2:
        return None  # nothing to compare
    keys = _orders(rules.items.get(field, {}), values)
    if any(_in_order([key(v) for v in values], descending) for key in keys):
        return []
    first = _first_out_of_order([keys[0](v) for v in values], descending)
    message = (
        f"sort={order}{'' if rules.sort_param in dict(query_pairs(response)) else ' (default)'}:"
        f" `{field}` {excerpt(values[first])} comes before {excerpt(values[first + 1])}"
    )
    return [violation(case, RULE, "order", f"items are not sorted by `{order}`", message)]


def _orders(schema: Schema, values: list[Any]) -> list[Callable[[Any], Any]]:
    """The orders a value of this field may be sorted in."""
    if schema.get("format") == "date-time" and all(parse_time(v) for v in values):
        return [parse_time]
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return [float]
    if all(isinstance(v, bool) for v in values):
        return [bool]
    keys: list[Callable[[Any], Any]] = [str, lambda v: str(v).casefold()]
    enum = [str(v) for v in schema.get("enum", [])]
    if enum and all(str(v) in enum for v in values):
        keys.append(lambda v: enum.index(str(v)))
    return keys


def _in_order(keys: list[Any], descending: bool) -> bool:
    try:
        pairs = pairwise(keys)
        return all(a >= b if descending else a <= b for a, b in pairs)
    except TypeError:
        return False


def _first_out_of_order(keys: list[Any], descending: bool) -> int:
    for index, (a, b) in enumerate(pairwise(keys)):
        try:
            if (a < b) if descending else (a > b):
                return index
        except TypeError:
            return index
    return 0
