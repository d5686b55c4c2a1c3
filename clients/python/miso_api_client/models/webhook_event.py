from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType

if TYPE_CHECKING:
    from ..models.webhook_event_data import WebhookEventData


T = TypeVar("T", bound="WebhookEvent")


@_attrs_define
class WebhookEvent:
    """The JSON body POSTed to a webhook's URL.

    Example:
        {'event': 'application.created', 'timestamp': '2024-01-15T10:30:00Z', 'data': {'id': 'app-123', 'name': 'my-
            application', 'status': 'active'}}

    Attributes:
        event (WebhookEventType):  Example: application.created.
        timestamp (datetime.datetime):
        data (WebhookEventData): The resource the event is about: the application (`id`, `name`, `status`) or the
            deployment (`id`, `application_id`, `status`). Example: {'id': 'app-123', 'name': 'my-application', 'status':
            'active'}.
    """

    event: WebhookEventType
    timestamp: datetime.datetime
    data: WebhookEventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        timestamp = self.timestamp.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "timestamp": timestamp,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_event_data import WebhookEventData

        d = dict(src_dict)
        event = WebhookEventType(d.pop("event"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        data = WebhookEventData.from_dict(d.pop("data"))

        webhook_event = cls(
            event=event,
            timestamp=timestamp,
            data=data,
        )

        webhook_event.additional_properties = d
        return webhook_event

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
