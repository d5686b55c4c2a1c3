from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenRequest")


@_attrs_define
class TokenRequest:
    """A client-credentials grant (RFC 6749 §4.4), as JSON or as a form. The credentials may also be sent with HTTP Basic
    authentication instead of in the body.

        Example:
            {'client_id': 'your-client-id', 'client_secret': 'your-client-secret', 'grant_type': 'client_credentials',
                'scope': 'api'}

        Attributes:
            grant_type (str): Only `client_credentials` is supported; any other grant gets 400.
            client_id (str | Unset):
            client_secret (str | Unset):
            scope (str | Unset):  Default: 'api'.
    """

    grant_type: str
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    scope: str | Unset = "api"

    def to_dict(self) -> dict[str, Any]:
        grant_type = self.grant_type

        client_id = self.client_id

        client_secret = self.client_secret

        scope = self.scope

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grant_type": grant_type,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        grant_type = d.pop("grant_type")

        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        scope = d.pop("scope", UNSET)

        token_request = cls(
            grant_type=grant_type,
            client_id=client_id,
            client_secret=client_secret,
            scope=scope,
        )

        return token_request
