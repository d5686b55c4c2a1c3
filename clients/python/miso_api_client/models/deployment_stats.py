from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.deployment_ref import DeploymentRef


T = TypeVar("T", bound="DeploymentStats")


@_attrs_define
class DeploymentStats:
    """How many deployments an application has had, and the latest one (null before the first).

    Example:
        {'total': 5, 'latest': {'id': 'deploy-789', 'status': 'success', 'created_at': '2024-01-15T10:30:00Z', 'image':
            'my-app:v1.2.3'}}

    Attributes:
        total (int):
        latest (DeploymentRef | None): The newest deployment, or null before the first.
    """

    total: int
    latest: DeploymentRef | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_ref import DeploymentRef

        total = self.total

        latest: dict[str, Any] | None
        if isinstance(self.latest, DeploymentRef):
            latest = self.latest.to_dict()
        else:
            latest = self.latest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "latest": latest,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.deployment_ref import DeploymentRef

        d = dict(src_dict)
        total = d.pop("total")

        def _parse_latest(data: object) -> DeploymentRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                latest_type_0 = DeploymentRef.from_dict(data)

                return latest_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeploymentRef | None, data)

        latest = _parse_latest(d.pop("latest"))

        deployment_stats = cls(
            total=total,
            latest=latest,
        )

        deployment_stats.additional_properties = d
        return deployment_stats

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
