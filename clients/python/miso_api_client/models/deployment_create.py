from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_configuration import DeploymentConfiguration


T = TypeVar("T", bound="DeploymentCreate")


@_attrs_define
class DeploymentCreate:
    """A deployment of an image. `environment` defaults to the application's; `configuration` overrides the application's
    settings for this deployment only.

        Example:
            {'image': 'my-app:v1.3.0', 'environment': 'production', 'configuration': {'replicas': 3, 'resources': {'cpu':
                '500m', 'memory': '1Gi'}, 'environment_variables': {'NODE_ENV': 'production', 'API_URL':
                'https://api.company.com'}}}

        Attributes:
            image (str):
            environment (str | Unset): The environment an application runs in, named by the lower-cased `name` of an
                existing environment (`production` for env-prod "Production"). Example: production.
            configuration (DeploymentConfiguration | Unset): Overrides of the application's configuration for one
                deployment. Example: {'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'}, 'environment_variables':
                {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}.
    """

    image: str
    environment: str | Unset = UNSET
    configuration: DeploymentConfiguration | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        environment = self.environment

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "image": image,
            }
        )
        if environment is not UNSET:
            field_dict["environment"] = environment
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_configuration import DeploymentConfiguration

        d = dict(src_dict)
        image = d.pop("image")

        environment = d.pop("environment", UNSET)

        _configuration = d.pop("configuration", UNSET)
        configuration: DeploymentConfiguration | Unset
        if isinstance(_configuration, Unset):
            configuration = UNSET
        else:
            configuration = DeploymentConfiguration.from_dict(_configuration)

        deployment_create = cls(
            image=image,
            environment=environment,
            configuration=configuration,
        )

        return deployment_create
