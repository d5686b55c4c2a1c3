from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.application_configuration import ApplicationConfiguration


T = TypeVar("T", bound="ApplicationCreate")


@_attrs_define
class ApplicationCreate:
    """A new application.

    Example:
        {'name': 'my-new-application', 'description': 'My new application description', 'environment': 'production',
            'configuration': {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'},
            'environment_variables': {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}}

    Attributes:
        name (str): Unique name of the application, lower-case letters, digits and dashes. Example: my-application.
        environment (str): The environment an application runs in, named by the lower-cased `name` of an existing
            environment (`production` for env-prod "Production"). Example: production.
        configuration (ApplicationConfiguration): How an application runs. The image is required; the rest has defaults.
            Example: {'image': 'my-app:latest', 'replicas': 3, 'resources': {'cpu': '500m', 'memory': '1Gi'},
            'environment_variables': {'NODE_ENV': 'production', 'API_URL': 'https://api.company.com'}}.
        description (str | Unset):  Default: ''.
    """

    name: str
    environment: str
    configuration: ApplicationConfiguration
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        environment = self.environment

        configuration = self.configuration.to_dict()

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "environment": environment,
                "configuration": configuration,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.application_configuration import ApplicationConfiguration

        d = dict(src_dict)
        name = d.pop("name")

        environment = d.pop("environment")

        configuration = ApplicationConfiguration.from_dict(d.pop("configuration"))

        description = d.pop("description", UNSET)

        application_create = cls(
            name=name,
            environment=environment,
            configuration=configuration,
            description=description,
        )

        return application_create
