from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RateLimitDetails")


@_attrs_define
class RateLimitDetails:
    """Details of a `RATE_LIMIT_EXCEEDED` error.

    Example:
        {'limit': 1000, 'remaining': 0, 'reset_time': '2024-01-15T11:00:00Z'}

    Attributes:
        limit (int):
        remaining (int):
        reset_time (datetime.datetime):
    """

    limit: int
    remaining: int
    reset_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        remaining = self.remaining

        reset_time = self.reset_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "limit": limit,
                "remaining": remaining,
                "reset_time": reset_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        limit = d.pop("limit")

        remaining = d.pop("remaining")

        reset_time = datetime.datetime.fromisoformat(d.pop("reset_time"))

        rate_limit_details = cls(
            limit=limit,
            remaining=remaining,
            reset_time=reset_time,
        )

        rate_limit_details.additional_properties = d
        return rate_limit_details

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
