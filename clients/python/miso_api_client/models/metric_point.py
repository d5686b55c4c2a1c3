from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.metric_point_labels import MetricPointLabels


T = TypeVar("T", bound="MetricPoint")


@_attrs_define
class MetricPoint:
    """One aggregated value of one series (one label set) in one time bucket.

    Example:
        {'timestamp': '2024-01-15T10:00:00Z', 'value': 1500, 'labels': {'method': 'GET', 'endpoint':
            '/api/v1/applications', 'status': '200'}}

    Attributes:
        timestamp (datetime.datetime): Start of the bucket.
        value (float):
        labels (MetricPointLabels):
    """

    timestamp: datetime.datetime
    value: float
    labels: MetricPointLabels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        value = self.value

        labels = self.labels.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "value": value,
                "labels": labels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_point_labels import MetricPointLabels

        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        value = d.pop("value")

        labels = MetricPointLabels.from_dict(d.pop("labels"))

        metric_point = cls(
            timestamp=timestamp,
            value=value,
            labels=labels,
        )

        metric_point.additional_properties = d
        return metric_point

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
