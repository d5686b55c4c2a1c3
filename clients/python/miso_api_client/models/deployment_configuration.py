from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_variables import EnvironmentVariables
    from ..models.resource_requirements import ResourceRequirements


T = TypeVar("T", bound="DeploymentConfiguration")


@_attrs_define
class DeploymentConfiguration:
    """Overrides of the application's configuration for one deployment.

    Example:
        {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables': {'NODE_ENV':
            'production', 'API_URL': 'https://api.company.com'}}

    Attributes:
        replicas (int | Unset):
        resources (ResourceRequirements | Unset): CPU and memory for each replica, in Kubernetes quantity notation.
            Example: {'cpu': '500m', 'memory': '1Gi'}.
        environment_variables (EnvironmentVariables | Unset): Environment variables passed to the application's
            containers. Example: {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}.
    """

    replicas: int | Unset = UNSET
    resources: ResourceRequirements | Unset = UNSET
    environment_variables: EnvironmentVariables | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        replicas = self.replicas

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        environment_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment_variables, Unset):
            environment_variables = self.environment_variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if replicas is not UNSET:
            field_dict["replicas"] = replicas
        if resources is not UNSET:
            field_dict["resources"] = resources
        if environment_variables is not UNSET:
            field_dict["environment_variables"] = environment_variables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.environment_variables import EnvironmentVariables
        from ..models.resource_requirements import ResourceRequirements

        d = dict(src_dict)
        replicas = d.pop("replicas", UNSET)

        _resources = d.pop("resources", UNSET)
        resources: ResourceRequirements | Unset
        if isinstance(_resources, Unset):
            resources = UNSET
        else:
            resources = ResourceRequirements.from_dict(_resources)

        _environment_variables = d.pop("environment_variables", UNSET)
        environment_variables: EnvironmentVariables | Unset
        if isinstance(_environment_variables, Unset):
            environment_variables = UNSET
        else:
            environment_variables = EnvironmentVariables.from_dict(_environment_variables)

        deployment_configuration = cls(
            replicas=replicas,
            resources=resources,
            environment_variables=environment_variables,
        )

        return deployment_configuration
