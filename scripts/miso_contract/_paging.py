"""The page-number pagination convention, and which operations follow it.

A paginated list takes `page` and `limit` query parameters and answers an object with an
array of items beside a pagination object that says where the page sits (`page`, `limit`,
`total`, `pages`, `has_next`, `has_prev`). Operations are recognised by that shape, not by
schema names, so the same lists are found in a bundle (with `$ref`s) and in a document a
server serves with every `$ref` inlined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._model import Contract
    from ._operation import Operation

PAGE_PARAMETER = "page"
LIMIT_PARAMETER = "limit"
# What the pagination object holds: the page asked for and its size, and what they imply.
PAGINATION_FIELDS = frozenset(
    {PAGE_PARAMETER, LIMIT_PARAMETER, "total", "pages", "has_next", "has_prev"}
)

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class PagedList:
    """A list operation that pages: where its items and its pagination object are, and the
    bounds and defaults of its `page` and `limit` parameters."""

    operation: Operation
    data: str  # the answer's property holding the page's items
    pagination: str  # the answer's property holding the pagination object
    items: Mapping[str, Schema]  # the item schema's properties
    query: Mapping[str, Schema]  # every query parameter's schema, by name
    page_default: int
    limit_default: int
    limit_bounds: tuple[int, int]


def paged_list(contract: Contract, operation: Operation) -> PagedList | None:
    """The paging of `operation`, or None when it is not a paginated list."""
    if operation.method != "GET":
        return None
    answer = contract.properties(contract.json_schema(operation.responses.get("200")))
    pagination = next(
        (n for n, sub in answer.items() if PAGINATION_FIELDS.issubset(contract.properties(sub))),
        None,
    )
    data = next((n for n, sub in answer.items() if sub.get("type") == "array"), None)
    if pagination is None or data is None:
        return None
    query = {
        name: contract.resolve(parameter.get("schema", {}))
        for name, parameter in operation.query_parameters().items()
    }
    if PAGE_PARAMETER not in query or LIMIT_PARAMETER not in query:
        return None
    limit = query[LIMIT_PARAMETER]
    return PagedList(
        operation=operation,
        data=data,
        pagination=pagination,
        items=contract.properties(answer[data].get("items", {})),
        query=query,
        page_default=int(query[PAGE_PARAMETER].get("default", 1)),
        limit_default=int(limit.get("default", limit.get("maximum", 1))),
        limit_bounds=(int(limit.get("minimum", 1)), int(limit.get("maximum", 100))),
    )
