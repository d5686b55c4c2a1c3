from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus

if TYPE_CHECKING:
    from ..models.application_health_checks import ApplicationHealthChecks


T = TypeVar("T", bound="ApplicationHealth")


@_attrs_define
class ApplicationHealth:
    """Health of one application: its replicas and its latest deployment. `unhealthy` when the latest deployment failed or
    no replica is ready.

        Example:
            {'application_id': 'app-123', 'status': 'healthy', 'timestamp': '2024-01-15T10:30:00Z', 'checks': {'replicas':
                {'status': 'healthy', 'response_time': '3ms'}, 'deployment': {'status': 'healthy', 'response_time': '1ms'}}}

        Attributes:
            application_id (str):
            status (HealthStatus): `healthy`: all checks pass; `degraded`: some fail; `unhealthy`: the service cannot serve.
                Example: healthy.
            timestamp (datetime.datetime):
            checks (ApplicationHealthChecks):
    """

    application_id: str
    status: HealthStatus
    timestamp: datetime.datetime
    checks: ApplicationHealthChecks
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        application_id = self.application_id

        status = self.status.value

        timestamp = self.timestamp.isoformat()

        checks = self.checks.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "application_id": application_id,
                "status": status,
                "timestamp": timestamp,
                "checks": checks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.application_health_checks import ApplicationHealthChecks

        d = dict(src_dict)
        application_id = d.pop("application_id")

        status = HealthStatus(d.pop("status"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        checks = ApplicationHealthChecks.from_dict(d.pop("checks"))

        application_health = cls(
            application_id=application_id,
            status=status,
            timestamp=timestamp,
            checks=checks,
        )

        application_health.additional_properties = d
        return application_health

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
