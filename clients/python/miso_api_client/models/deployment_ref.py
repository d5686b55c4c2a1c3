from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus

T = TypeVar("T", bound="DeploymentRef")


@_attrs_define
class DeploymentRef:
    """A short reference to a deployment, as embedded in an application.

    Example:
        {'id': 'deploy-789', 'status': 'success', 'created_at': '2024-01-15T10:30:00Z', 'image': 'my-app:v1.2.3'}

    Attributes:
        id (str):
        status (DeploymentStatus): Lifecycle of a deployment: `pending` when accepted, `in_progress` while it rolls out,
            then
            `success` or `failed`. Example: success.
        created_at (datetime.datetime):
        image (str):
    """

    id: str
    status: DeploymentStatus
    created_at: datetime.datetime
    image: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status.value

        created_at = self.created_at.isoformat()

        image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "created_at": created_at,
                "image": image,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        status = DeploymentStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        image = d.pop("image")

        deployment_ref = cls(
            id=id,
            status=status,
            created_at=created_at,
            image=image,
        )

        deployment_ref.additional_properties = d
        return deployment_ref

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
