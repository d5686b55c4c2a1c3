from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_status import DeploymentStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_configuration import DeploymentConfiguration


T = TypeVar("T", bound="Deployment")


@_attrs_define
class Deployment:
    """One rollout of an image to an environment.

    Example:
        {'id': 'deploy-789', 'application_id': 'app-123', 'status': 'success', 'image': 'my-app:v1.2.3', 'environment':
            'production', 'created_at': '2024-01-15T10:30:00Z', 'completed_at': '2024-01-15T10:35:00Z', 'duration': 300,
            'logs': 'https://your-miso-instance.com/api/v1/deployments/deploy-789/logs'}

    Attributes:
        id (str):
        application_id (str):
        status (DeploymentStatus): Lifecycle of a deployment: `pending` when accepted, `in_progress` while it rolls out,
            then
            `success` or `failed`. Example: success.
        image (str):
        environment (str): The environment an application runs in, named by the lower-cased `name` of an existing
            environment (`production` for env-prod "Production"). Example: production.
        created_at (datetime.datetime):
        completed_at (datetime.datetime | None): When the deployment ended; null while it runs.
        duration (int | None): Seconds from creation to completion; null while it runs.
        logs (str): Absolute URL of the deployment's logs.
        configuration (DeploymentConfiguration | Unset): Overrides of the application's configuration for one
            deployment. Example: {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
            {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}.
    """

    id: str
    application_id: str
    status: DeploymentStatus
    image: str
    environment: str
    created_at: datetime.datetime
    completed_at: datetime.datetime | None
    duration: int | None
    logs: str
    configuration: DeploymentConfiguration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        application_id = self.application_id

        status = self.status.value

        image = self.image

        environment = self.environment

        created_at = self.created_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        duration: int | None
        duration = self.duration

        logs = self.logs

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "application_id": application_id,
                "status": status,
                "image": image,
                "environment": environment,
                "created_at": created_at,
                "completed_at": completed_at,
                "duration": duration,
                "logs": logs,
            }
        )
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_configuration import DeploymentConfiguration

        d = dict(src_dict)
        id = d.pop("id")

        application_id = d.pop("application_id")

        status = DeploymentStatus(d.pop("status"))

        image = d.pop("image")

        environment = d.pop("environment")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_duration(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration = _parse_duration(d.pop("duration"))

        logs = d.pop("logs")

        _configuration = d.pop("configuration", UNSET)
        configuration: DeploymentConfiguration | Unset
        if isinstance(_configuration, Unset):
            configuration = UNSET
        else:
            configuration = DeploymentConfiguration.from_dict(_configuration)

        deployment = cls(
            id=id,
            application_id=application_id,
            status=status,
            image=image,
            environment=environment,
            created_at=created_at,
            completed_at=completed_at,
            duration=duration,
            logs=logs,
            configuration=configuration,
        )

        deployment.additional_properties = d
        return deployment

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
