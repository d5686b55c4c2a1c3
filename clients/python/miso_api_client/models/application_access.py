from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.access_grant import AccessGrant


T = TypeVar("T", bound="ApplicationAccess")


@_attrs_define
class ApplicationAccess:
    """Who may do what with an application.

    Example:
        {'application_id': 'app-123', 'grants': [{'user_id': 'user-456', 'role': 'owner'}], 'updated_at':
            '2024-01-15T10:30:00Z'}

    Attributes:
        application_id (str):
        grants (list[AccessGrant]):
        updated_at (datetime.datetime):
    """

    application_id: str
    grants: list[AccessGrant]
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        application_id = self.application_id

        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "application_id": application_id,
                "grants": grants,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.access_grant import AccessGrant

        d = dict(src_dict)
        application_id = d.pop("application_id")

        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = AccessGrant.from_dict(grants_item_data)

            grants.append(grants_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        application_access = cls(
            application_id=application_id,
            grants=grants,
            updated_at=updated_at,
        )

        application_access.additional_properties = d
        return application_access

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
