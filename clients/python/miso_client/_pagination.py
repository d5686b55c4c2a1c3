"""Iterating over every item of a paged list, whichever namespace's `list` it comes from.

Paged answers have `data` and `pagination.has_next`; the helper asks for page 1, 2, ... until
`has_next` is false, passing through any other arguments (an application id, filters).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from miso_api_client.models.pagination import Pagination

T_co = TypeVar("T_co", covariant=True)
T = TypeVar("T")


class Page(Protocol[T_co]):
    """What a paged answer (ApplicationList, DeploymentList, UserList, ...) looks like."""

    @property
    def data(self) -> Sequence[T_co]: ...

    @property
    def pagination(self) -> Pagination: ...


def paginate(
    fetch: Callable[..., Page[T]], *args: Any, limit: int = 100, **params: Any
) -> Iterator[T]:
    """Every item `fetch(*args, page=n, limit=limit, **params)` returns, page after page.

    >>> for app in paginate(client.applications.list, status="active"): ...
    """
    page_number = 1
    while True:
        page = fetch(*args, page=page_number, limit=limit, **params)
        yield from page.data
        if not page.pagination.has_next or not page.data:
            return
        page_number += 1


async def apaginate(
    fetch: Callable[..., Awaitable[Page[T]]], *args: Any, limit: int = 100, **params: Any
) -> AsyncIterator[T]:
    """The async twin of `paginate`: `async for app in apaginate(client.applications.list)`."""
    page_number = 1
    while True:
        page = await fetch(*args, page=page_number, limit=limit, **params)
        for item in page.data:
            yield item
        if not page.pagination.has_next or not page.data:
            return
        page_number += 1
