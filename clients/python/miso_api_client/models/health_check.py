from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus

T = TypeVar("T", bound="HealthCheck")


@_attrs_define
class HealthCheck:
    """The outcome of one component's check.

    Example:
        {'status': 'healthy', 'response_time': '5ms'}

    Attributes:
        status (HealthStatus): `healthy`: all checks pass; `degraded`: some fail; `unhealthy`: the service cannot serve.
            Example: healthy.
        response_time (str): How long the check took, in milliseconds with an `ms` suffix.
    """

    status: HealthStatus
    response_time: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        response_time = self.response_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "response_time": response_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = HealthStatus(d.pop("status"))

        response_time = d.pop("response_time")

        health_check = cls(
            status=status,
            response_time=response_time,
        )

        health_check.additional_properties = d
        return health_check

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
