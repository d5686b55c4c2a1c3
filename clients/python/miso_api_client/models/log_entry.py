from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.log_level import LogLevel

T = TypeVar("T", bound="LogEntry")


@_attrs_define
class LogEntry:
    """One log line.

    Example:
        {'timestamp': '2024-01-15T10:30:00Z', 'level': 'info', 'message': 'Starting deployment', 'source': 'miso-
            controller'}

    Attributes:
        timestamp (datetime.datetime):
        level (LogLevel):  Example: info.
        message (str):
        source (str): What wrote the line (`miso-controller`, `docker`, the application's name).
    """

    timestamp: datetime.datetime
    level: LogLevel
    message: str
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        level = self.level.value

        message = self.message

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "level": level,
                "message": message,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        level = LogLevel(d.pop("level"))

        message = d.pop("message")

        source = d.pop("source")

        log_entry = cls(
            timestamp=timestamp,
            level=level,
            message=message,
            source=source,
        )

        log_entry.additional_properties = d
        return log_entry

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
