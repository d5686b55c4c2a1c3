from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TokenValidationRequest")


@_attrs_define
class TokenValidationRequest:
    """
    Example:
        {'token': 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...'}

    Attributes:
        token (str):
    """

    token: str

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token")

        token_validation_request = cls(
            token=token,
        )

        return token_validation_request
