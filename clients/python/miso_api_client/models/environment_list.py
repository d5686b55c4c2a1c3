from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.environment import Environment


T = TypeVar("T", bound="EnvironmentList")


@_attrs_define
class EnvironmentList:
    """Every environment of the instance.

    Example:
        {'data': [{'id': 'env-dev', 'name': 'Development', 'description': 'Development environment', 'status': 'active',
            'created_at': '2024-01-15T10:30:00Z', 'applications': {'total': 5, 'active': 3}}, {'id': 'env-prod', 'name':
            'Production', 'description': 'Production environment', 'status': 'active', 'created_at': '2024-01-15T10:30:00Z',
            'applications': {'total': 10, 'active': 8}}]}

    Attributes:
        data (list[Environment]):
    """

    data: list[Environment]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.environment import Environment

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = Environment.from_dict(data_item_data)

            data.append(data_item)

        environment_list = cls(
            data=data,
        )

        environment_list.additional_properties = d
        return environment_list

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
