from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_event_type import WebhookEventType

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """A new webhook subscription.

    Example:
        {'url': 'https://your-webhook.com/events', 'events': ['application.created', 'deployment.completed'], 'secret':
            'your-webhook-secret'}

    Attributes:
        url (str): Where events are POSTed.
        events (list[WebhookEventType]):
        secret (str): Key of the HMAC-SHA256 signature in `X-Miso-Signature`; never returned.
    """

    url: str
    events: list[WebhookEventType]
    secret: str

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = WebhookEventType(events_item_data)

            events.append(events_item)

        secret = d.pop("secret")

        webhook_create = cls(
            url=url,
            events=events,
            secret=secret,
        )

        return webhook_create
