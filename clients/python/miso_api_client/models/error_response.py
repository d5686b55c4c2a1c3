from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.error import Error


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """The error envelope every error response of the API uses.

    Example:
        {'error': {'code': 'VALIDATION_ERROR', 'message': 'Invalid request parameters', 'details': [{'field': 'name',
            'message': 'Name is required'}], 'timestamp': '2024-01-15T10:30:00Z', 'request_id': 'req-123456'}}

    Attributes:
        error (Error): The body of every error response, inside the `error` envelope. Example: {'code':
            'VALIDATION_ERROR', 'message': 'Invalid request parameters', 'details': [{'field': 'name', 'message': 'Name is
            required'}], 'timestamp': '2024-01-15T10:30:00Z', 'request_id': 'req-123456'}.
    """

    error: Error
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error import Error

        d = dict(src_dict)
        error = Error.from_dict(d.pop("error"))

        error_response = cls(
            error=error,
        )

        error_response.additional_properties = d
        return error_response

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
