from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.environment_status import EnvironmentStatus

if TYPE_CHECKING:
    from ..models.environment_applications import EnvironmentApplications


T = TypeVar("T", bound="Environment")


@_attrs_define
class Environment:
    """A place applications run in (development, production, …).

    Example:
        {'id': 'env-dev', 'name': 'Development', 'description': 'Development environment', 'status': 'active',
            'created_at': '2024-01-15T10:30:00Z', 'applications': {'total': 5, 'active': 3}}

    Attributes:
        id (str):
        name (str):
        description (str):
        status (EnvironmentStatus):  Example: active.
        created_at (datetime.datetime):
        applications (EnvironmentApplications): How many applications run in the environment, and how many of them are
            active. Example: {'total': 5, 'active': 3}.
    """

    id: str
    name: str
    description: str
    status: EnvironmentStatus
    created_at: datetime.datetime
    applications: EnvironmentApplications
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        status = self.status.value

        created_at = self.created_at.isoformat()

        applications = self.applications.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "status": status,
                "created_at": created_at,
                "applications": applications,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.environment_applications import EnvironmentApplications

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        status = EnvironmentStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        applications = EnvironmentApplications.from_dict(d.pop("applications"))

        environment = cls(
            id=id,
            name=name,
            description=description,
            status=status,
            created_at=created_at,
            applications=applications,
        )

        environment.additional_properties = d
        return environment

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
