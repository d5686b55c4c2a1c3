from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEventData")


@_attrs_define
class WebhookEventData:
    """The resource the event is about: the application (`id`, `name`, `status`) or the deployment (`id`, `application_id`,
    `status`).

        Example:
            {'id': 'app-123', 'name': 'my-application', 'status': 'active'}

        Attributes:
            id (str):
            status (str):
            name (str | Unset):
            application_id (str | Unset):
    """

    id: str
    status: str
    name: str | Unset = UNSET
    application_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        name = self.name

        application_id = self.application_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if application_id is not UNSET:
            field_dict["application_id"] = application_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        name = d.pop("name", UNSET)

        application_id = d.pop("application_id", UNSET)

        webhook_event_data = cls(
            id=id,
            status=status,
            name=name,
            application_id=application_id,
        )

        webhook_event_data.additional_properties = d
        return webhook_event_data

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
