from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus

if TYPE_CHECKING:
    from ..models.deployment_stats import DeploymentStats
    from ..models.user_ref import UserRef


T = TypeVar("T", bound="ApplicationSummary")


@_attrs_define
class ApplicationSummary:
    """An application as listed; `GET /api/v1/applications/{application_id}` gives the details.

    Example:
        {'id': 'app-123', 'name': 'my-application', 'description': 'My application description', 'status': 'active',
            'environment': 'production', 'created_at': '2024-01-15T10:30:00Z', 'updated_at': '2024-01-15T10:30:00Z',
            'owner': {'id': 'user-456', 'name': 'John Doe', 'email': 'john.doe@company.com'}, 'deployments': {'total': 5,
            'latest': {'id': 'deploy-789', 'status': 'success', 'created_at': '2024-01-15T10:30:00Z', 'image': 'my-
            app:v1.2.3'}}}

    Attributes:
        id (str):
        name (str): Unique name of the application, lower-case letters, digits and dashes. Example: my-application.
        description (str):
        status (ApplicationStatus): Lifecycle of an application: `creating` until it is provisioned, then `active`;
            `inactive` when scaled to zero replicas; `failed` when provisioning failed. Example: active.
        environment (str): The environment an application runs in, named by the lower-cased `name` of an existing
            environment (`production` for env-prod "Production"). Example: production.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        owner (UserRef): A short reference to a user, as embedded in other resources. Example: {'id': 'user-456',
            'name': 'John Doe', 'email': 'john.doe@company.com'}.
        deployments (DeploymentStats): How many deployments an application has had, and the latest one (null before the
            first). Example: {'total': 5, 'latest': {'id': 'deploy-789', 'status': 'success', 'created_at':
            '2024-01-15T10:30:00Z', 'image': 'my-app:v1.2.3'}}.
    """

    id: str
    name: str
    description: str
    status: ApplicationStatus
    environment: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    owner: UserRef
    deployments: DeploymentStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        status = self.status.value

        environment = self.environment

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        owner = self.owner.to_dict()

        deployments = self.deployments.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "status": status,
                "environment": environment,
                "created_at": created_at,
                "updated_at": updated_at,
                "owner": owner,
                "deployments": deployments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_stats import DeploymentStats
        from ..models.user_ref import UserRef

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        status = ApplicationStatus(d.pop("status"))

        environment = d.pop("environment")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        owner = UserRef.from_dict(d.pop("owner"))

        deployments = DeploymentStats.from_dict(d.pop("deployments"))

        application_summary = cls(
            id=id,
            name=name,
            description=description,
            status=status,
            environment=environment,
            created_at=created_at,
            updated_at=updated_at,
            owner=owner,
            deployments=deployments,
        )

        application_summary.additional_properties = d
        return application_summary

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
