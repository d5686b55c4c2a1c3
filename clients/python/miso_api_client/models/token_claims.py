from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission
from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenClaims")


@_attrs_define
class TokenClaims:
    """The claims of a valid access token.

    Example:
        {'iss': 'https://your-miso-instance.com', 'sub': 'user-456', 'aud': 'miso-api', 'exp': 1705318200, 'iat':
            1705314600, 'scope': 'api', 'permissions': ['miso:read', 'miso:write', 'miso:delete', 'miso:admin'],
            'client_id': 'your-client-id'}

    Attributes:
        iss (str):
        sub (str): Id of the user the client acts for.
        aud (str):
        exp (int):
        iat (int):
        scope (str):
        permissions (list[Permission]):
        client_id (str | Unset):
    """

    iss: str
    sub: str
    aud: str
    exp: int
    iat: int
    scope: str
    permissions: list[Permission]
    client_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        iss = self.iss

        sub = self.sub

        aud = self.aud

        exp = self.exp

        iat = self.iat

        scope = self.scope

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        client_id = self.client_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "iss": iss,
                "sub": sub,
                "aud": aud,
                "exp": exp,
                "iat": iat,
                "scope": scope,
                "permissions": permissions,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        iss = d.pop("iss")

        sub = d.pop("sub")

        aud = d.pop("aud")

        exp = d.pop("exp")

        iat = d.pop("iat")

        scope = d.pop("scope")

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        client_id = d.pop("client_id", UNSET)

        token_claims = cls(
            iss=iss,
            sub=sub,
            aud=aud,
            exp=exp,
            iat=iat,
            scope=scope,
            permissions=permissions,
            client_id=client_id,
        )

        token_claims.additional_properties = d
        return token_claims

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
