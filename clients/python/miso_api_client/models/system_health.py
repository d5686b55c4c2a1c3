from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus

if TYPE_CHECKING:
    from ..models.system_health_checks import SystemHealthChecks


T = TypeVar("T", bound="SystemHealth")


@_attrs_define
class SystemHealth:
    """Health of the Miso instance and its components.

    Example:
        {'status': 'healthy', 'timestamp': '2024-01-15T10:30:00Z', 'checks': {'database': {'status': 'healthy',
            'response_time': '5ms'}, 'redis': {'status': 'healthy', 'response_time': '2ms'}, 'keyvault': {'status':
            'healthy', 'response_time': '10ms'}}}

    Attributes:
        status (HealthStatus): `healthy`: all checks pass; `degraded`: some fail; `unhealthy`: the service cannot serve.
            Example: healthy.
        timestamp (datetime.datetime):
        checks (SystemHealthChecks):
    """

    status: HealthStatus
    timestamp: datetime.datetime
    checks: SystemHealthChecks
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        timestamp = self.timestamp.isoformat()

        checks = self.checks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "timestamp": timestamp,
                "checks": checks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.system_health_checks import SystemHealthChecks

        d = dict(src_dict)
        status = HealthStatus(d.pop("status"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        checks = SystemHealthChecks.from_dict(d.pop("checks"))

        system_health = cls(
            status=status,
            timestamp=timestamp,
            checks=checks,
        )

        system_health.additional_properties = d
        return system_health

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
