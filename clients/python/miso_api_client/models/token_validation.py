from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_claims import TokenClaims


T = TypeVar("T", bound="TokenValidation")


@_attrs_define
class TokenValidation:
    """Whether a token is valid and, if it is, what it carries; if not, why.

    Example:
        {'valid': True, 'claims': {'iss': 'https://your-miso-instance.com', 'sub': 'user-456', 'aud': 'miso-api', 'exp':
            1705318200, 'iat': 1705314600, 'scope': 'api', 'permissions': ['miso:read', 'miso:write', 'miso:delete',
            'miso:admin'], 'client_id': 'your-client-id'}, 'expires_at': '2024-01-15T11:30:00Z'}

    Attributes:
        valid (bool):
        claims (TokenClaims | Unset): The claims of a valid access token. Example: {'iss': 'https://your-miso-
            instance.com', 'sub': 'user-456', 'aud': 'miso-api', 'exp': 1705318200, 'iat': 1705314600, 'scope': 'api',
            'permissions': ['miso:read', 'miso:write', 'miso:delete', 'miso:admin'], 'client_id': 'your-client-id'}.
        expires_at (datetime.datetime | Unset):
        error (str | Unset): Why the token is not valid (`expired`, `invalid signature`, …).
    """

    valid: bool
    claims: TokenClaims | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid = self.valid

        claims: dict[str, Any] | Unset = UNSET
        if not isinstance(self.claims, Unset):
            claims = self.claims.to_dict()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "valid": valid,
            }
        )
        if claims is not UNSET:
            field_dict["claims"] = claims
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.token_claims import TokenClaims

        d = dict(src_dict)
        valid = d.pop("valid")

        _claims = d.pop("claims", UNSET)
        claims: TokenClaims | Unset
        if isinstance(_claims, Unset):
            claims = UNSET
        else:
            claims = TokenClaims.from_dict(_claims)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        error = d.pop("error", UNSET)

        token_validation = cls(
            valid=valid,
            claims=claims,
            expires_at=expires_at,
            error=error,
        )

        token_validation.additional_properties = d
        return token_validation

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
