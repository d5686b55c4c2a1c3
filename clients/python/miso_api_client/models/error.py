from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.rate_limit_details import RateLimitDetails


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """The body of every error response, inside the `error` envelope.

    Example:
        {'code': 'VALIDATION_ERROR', 'message': 'Invalid request parameters', 'details': [{'field': 'name', 'message':
            'Name is required'}], 'timestamp': '2024-01-15T10:30:00Z', 'request_id': 'req-123456'}

    Attributes:
        code (ErrorCode): Machine-readable error code. The HTTP status and the code agree (`x-status-codes` says it
            machine-readably):
            400, 413, 415 and 422 `VALIDATION_ERROR`; 401 `AUTHENTICATION_ERROR`; 403 `AUTHORIZATION_ERROR`;
            404 `RESOURCE_NOT_FOUND`; 405 `METHOD_NOT_ALLOWED`; 409 `RESOURCE_CONFLICT`;
            429 `RATE_LIMIT_EXCEEDED`; 500 `INTERNAL_ERROR`; 503 `SERVICE_UNAVAILABLE`. Example: VALIDATION_ERROR.
        message (str): Human-readable explanation.
        timestamp (datetime.datetime):
        request_id (str): Equal to the response's `X-Request-ID` header.
        details (list[FieldError] | RateLimitDetails | Unset): Field-level problems for validation errors; the limit and
            its reset time for rate-limit errors. Absent when there is nothing more to say.
    """

    code: ErrorCode
    message: str
    timestamp: datetime.datetime
    request_id: str
    details: list[FieldError] | RateLimitDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        message = self.message

        timestamp = self.timestamp.isoformat()

        request_id = self.request_id

        details: dict[str, Any] | list[dict[str, Any]] | Unset
        if isinstance(self.details, Unset):
            details = UNSET
        elif isinstance(self.details, list):
            details = []
            for details_type_0_item_data in self.details:
                details_type_0_item = details_type_0_item_data.to_dict()
                details.append(details_type_0_item)

        else:
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "timestamp": timestamp,
                "request_id": request_id,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_error import FieldError
        from ..models.rate_limit_details import RateLimitDetails

        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        message = d.pop("message")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        request_id = d.pop("request_id")

        def _parse_details(data: object) -> list[FieldError] | RateLimitDetails | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                details_type_0 = []
                _details_type_0 = data
                for details_type_0_item_data in _details_type_0:
                    details_type_0_item = FieldError.from_dict(details_type_0_item_data)

                    details_type_0.append(details_type_0_item)

                return details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            details_type_1 = RateLimitDetails.from_dict(data)

            return details_type_1

        details = _parse_details(d.pop("details", UNSET))

        error = cls(
            code=code,
            message=message,
            timestamp=timestamp,
            request_id=request_id,
            details=details,
        )

        error.additional_properties = d
        return error

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
