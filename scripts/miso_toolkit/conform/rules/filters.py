"""Filters: every item of a filtered list matches the filter.

The filters of a list operation are its query parameters named like a field of its items
(`status`, `environment`, `role`, ...), as the spec declares them; nothing here names one.
"""

from __future__ import annotations

from typing import Any

from ._check import Verdict, miso_check, succeeded, violation
from ._context import RuleContext
from ._registry import Rule
from ._values import as_text, excerpt, list_items, query_pairs

RULE = Rule(
    "miso_filters",
    "every item of a filtered list has the value the filter asks for (`?status=active` lists "
    "only active items)",
)


@miso_check(RULE)
def miso_filters(run: RuleContext, response: Any, case: Any) -> Verdict:
    rules = run.spec.lists.get(case.operation.label)
    if rules is None or not succeeded(response, case):
        return None
    asked = {name: value for name, value in query_pairs(response) if name in rules.filters}
    items = list_items(response.content, rules.data)
    if not asked or items is None:
        return None
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        wrong = {
            name: item.get(name)
            for name, value in asked.items()
            if as_text(item.get(name)) != value
        }
        if wrong:
            filters = "&".join(f"{name}={value}" for name, value in asked.items())
            fields = ", ".join(f"`{name}` is {excerpt(value)}" for name, value in wrong.items())
            identity = item.get(rules.identity) if rules.identity else index
            message = f"asked for {filters}; item {identity} (#{index + 1} on the page): {fields}"
            return [violation(case, RULE, "mismatch", "an item does not match the filter", message)]
    return []
