from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.aggregation import Aggregation
from ..models.metric_name import MetricName

if TYPE_CHECKING:
    from ..models.metric_point import MetricPoint


T = TypeVar("T", bound="MetricSeries")


@_attrs_define
class MetricSeries:
    """The points of one metric over a time range.

    Example:
        {'metric': 'http_requests_total', 'time_range': '24h', 'aggregation': 'sum', 'data': [{'timestamp':
            '2024-01-15T10:00:00Z', 'value': 1500, 'labels': {'method': 'GET', 'endpoint': '/api/v1/applications', 'status':
            '200'}}, {'timestamp': '2024-01-15T10:05:00Z', 'value': 1600, 'labels': {'method': 'GET', 'endpoint':
            '/api/v1/applications', 'status': '200'}}]}

    Attributes:
        metric (MetricName): `http_requests_total`: requests served, labelled by method, endpoint and status;
            `http_request_duration_seconds`: their latency; `deployments_total`: deployments that ended,
            labelled by their final status. Example: http_requests_total.
        time_range (str): How far back to look, a number followed by `m` (minutes), `h` (hours) or `d` (days). Example:
            24h.
        aggregation (Aggregation): How the samples of one series are combined within each time bucket: `sum`, `count`,
            `avg`, `min`, `max`, or a percentile (`p50`, `p95`, `p99`). Example: avg.
        data (list[MetricPoint]):
    """

    metric: MetricName
    time_range: str
    aggregation: Aggregation
    data: list[MetricPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric.value

        time_range = self.time_range

        aggregation = self.aggregation.value

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "time_range": time_range,
                "aggregation": aggregation,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metric_point import MetricPoint

        d = dict(src_dict)
        metric = MetricName(d.pop("metric"))

        time_range = d.pop("time_range")

        aggregation = Aggregation(d.pop("aggregation"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = MetricPoint.from_dict(data_item_data)

            data.append(data_item)

        metric_series = cls(
            metric=metric,
            time_range=time_range,
            aggregation=aggregation,
            data=data,
        )

        metric_series.additional_properties = d
        return metric_series

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
