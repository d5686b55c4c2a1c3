from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_variables import EnvironmentVariables
    from ..models.resource_requirements import ResourceRequirements


T = TypeVar("T", bound="ApplicationConfiguration")


@_attrs_define
class ApplicationConfiguration:
    """How an application runs. The image is required; the rest has defaults.

    Example:
        {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'},
            'environment_variables': {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}

    Attributes:
        image (str): Container image reference (`name:tag`).
        replicas (int | Unset):  Default: 1.
        resources (ResourceRequirements | Unset): CPU and memory for each replica, in Kubernetes quantity notation.
            Example: {'cpu': '500m', 'memory': '1Gi'}.
        environment_variables (EnvironmentVariables | Unset): Environment variables passed to the application's
            containers. Example: {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}.
    """

    image: str
    replicas: int | Unset = 1
    resources: ResourceRequirements | Unset = UNSET
    environment_variables: EnvironmentVariables | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        replicas = self.replicas

        resources: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources.to_dict()

        environment_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment_variables, Unset):
            environment_variables = self.environment_variables.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "image": image,
            }
        )
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
        image = d.pop("image")

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

        application_configuration = cls(
            image=image,
            replicas=replicas,
            resources=resources,
            environment_variables=environment_variables,
        )

        return application_configuration
