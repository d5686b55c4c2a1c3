from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """Where this page sits in the whole collection.

    Example:
        {'page': 1, 'limit': 20, 'total': 100, 'pages': 5, 'has_next': True, 'has_prev': False}

    Attributes:
        page (int): The page returned (1-based).
        limit (int): Items per page.
        total (int): Items in the whole (filtered) collection.
        pages (int): `ceil(total / limit)`.
        has_next (bool): `page < pages`.
        has_prev (bool): `page > 1`.
    """

    page: int
    limit: int
    total: int
    pages: int
    has_next: bool
    has_prev: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        limit = self.limit

        total = self.total

        pages = self.pages

        has_next = self.has_next

        has_prev = self.has_prev

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "page": page,
                "limit": limit,
                "total": total,
                "pages": pages,
                "has_next": has_next,
                "has_prev": has_prev,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        page = d.pop("page")

        limit = d.pop("limit")

        total = d.pop("total")

        pages = d.pop("pages")

        has_next = d.pop("has_next")

        has_prev = d.pop("has_prev")

        pagination = cls(
            page=page,
            limit=limit,
            total=total,
            pages=pages,
            has_next=has_next,
            has_prev=has_prev,
        )

        pagination.additional_properties = d
        return pagination

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
