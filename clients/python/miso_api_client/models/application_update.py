from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.application_configuration import ApplicationConfiguration


T = TypeVar("T", bound="ApplicationUpdate")


@_attrs_define
class ApplicationUpdate:
    """Changes to an application. Each field given replaces the stored one (`configuration` as a whole); fields left out
    keep their value.

        Example:
            {'name': 'my-updated-application', 'description': 'My updated application description', 'configuration':
                {'image': 'my-app:v1.3.0', 'replicas': 5, 'resources': {'cpu': '1000m', 'memory': '2Gi'},
                'environment_variables': {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com', 'NEW_FEATURE':
                'enabled'}}}

        Attributes:
            name (str | Unset): Unique name of the application, lower-case letters, digits and dashes. Example: my-
                application.
            description (str | Unset):
            environment (str | Unset): The environment an application runs in, named by the lower-cased `name` of an
                existing environment (`production` for env-prod "Production"). Example: production.
            configuration (ApplicationConfiguration | Unset): How an application runs. The image is required; the rest has
                defaults. Example: {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'},
                'environment_variables': {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}.
    """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    environment: str | Unset = UNSET
    configuration: ApplicationConfiguration | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        environment = self.environment

        configuration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.configuration, Unset):
            configuration = self.configuration.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if environment is not UNSET:
            field_dict["environment"] = environment
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.application_configuration import ApplicationConfiguration

        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        environment = d.pop("environment", UNSET)

        _configuration = d.pop("configuration", UNSET)
        configuration: ApplicationConfiguration | Unset
        if isinstance(_configuration, Unset):
            configuration = UNSET
        else:
            configuration = ApplicationConfiguration.from_dict(_configuration)

        application_update = cls(
            name=name,
            description=description,
            environment=environment,
            configuration=configuration,
        )

        return application_update
