from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.access_grant import AccessGrant


T = TypeVar("T", bound="ApplicationAccessUpdate")


@_attrs_define
class ApplicationAccessUpdate:
    """The complete new list of grants; it replaces the old one. Each user may appear once, every user must exist, and
    exactly one grant must be `owner`.

        Example:
            {'grants': [{'user_id': 'user-456', 'role': 'owner'}, {'user_id': 'user-457', 'role': 'viewer'}]}

        Attributes:
            grants (list[AccessGrant]):
    """

    grants: list[AccessGrant]

    def to_dict(self) -> dict[str, Any]:
        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grants": grants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.access_grant import AccessGrant

        d = dict(src_dict)
        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = AccessGrant.from_dict(grants_item_data)

            grants.append(grants_item)

        application_access_update = cls(
            grants=grants,
        )

        return application_access_update
