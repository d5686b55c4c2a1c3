from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OpenIdConfiguration")


@_attrs_define
class OpenIdConfiguration:
    """OpenID Connect discovery metadata (OpenID Connect Discovery 1.0 §3).

    Example:
        {'issuer': 'https://your-miso-instance.com', 'jwks_uri': 'https://your-miso-instance.com/.well-known/jwks.json',
            'token_endpoint': 'https://your-miso-instance.com/auth/token', 'introspection_endpoint': 'https://your-miso-
            instance.com/auth/validate', 'grant_types_supported': ['client_credentials'],
            'token_endpoint_auth_methods_supported': ['client_secret_post', 'client_secret_basic'],
            'response_types_supported': ['token'], 'subject_types_supported': ['public'],
            'id_token_signing_alg_values_supported': ['RS256'], 'scopes_supported': ['api'], 'claims_supported': ['iss',
            'sub', 'aud', 'exp', 'iat', 'scope', 'permissions', 'client_id']}

    Attributes:
        issuer (str):
        jwks_uri (str):
        token_endpoint (str):
        response_types_supported (list[str]):
        subject_types_supported (list[str]):
        id_token_signing_alg_values_supported (list[str]):
        introspection_endpoint (str | Unset):
        grant_types_supported (list[str] | Unset):
        token_endpoint_auth_methods_supported (list[str] | Unset):
        scopes_supported (list[str] | Unset):
        claims_supported (list[str] | Unset):
    """

    issuer: str
    jwks_uri: str
    token_endpoint: str
    response_types_supported: list[str]
    subject_types_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    introspection_endpoint: str | Unset = UNSET
    grant_types_supported: list[str] | Unset = UNSET
    token_endpoint_auth_methods_supported: list[str] | Unset = UNSET
    scopes_supported: list[str] | Unset = UNSET
    claims_supported: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issuer = self.issuer

        jwks_uri = self.jwks_uri

        token_endpoint = self.token_endpoint

        response_types_supported = self.response_types_supported

        subject_types_supported = self.subject_types_supported

        id_token_signing_alg_values_supported = self.id_token_signing_alg_values_supported

        introspection_endpoint = self.introspection_endpoint

        grant_types_supported: list[str] | Unset = UNSET
        if not isinstance(self.grant_types_supported, Unset):
            grant_types_supported = self.grant_types_supported

        token_endpoint_auth_methods_supported: list[str] | Unset = UNSET
        if not isinstance(self.token_endpoint_auth_methods_supported, Unset):
            token_endpoint_auth_methods_supported = self.token_endpoint_auth_methods_supported

        scopes_supported: list[str] | Unset = UNSET
        if not isinstance(self.scopes_supported, Unset):
            scopes_supported = self.scopes_supported

        claims_supported: list[str] | Unset = UNSET
        if not isinstance(self.claims_supported, Unset):
            claims_supported = self.claims_supported

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issuer": issuer,
                "jwks_uri": jwks_uri,
                "token_endpoint": token_endpoint,
                "response_types_supported": response_types_supported,
                "subject_types_supported": subject_types_supported,
                "id_token_signing_alg_values_supported": id_token_signing_alg_values_supported,
            }
        )
        if introspection_endpoint is not UNSET:
            field_dict["introspection_endpoint"] = introspection_endpoint
        if grant_types_supported is not UNSET:
            field_dict["grant_types_supported"] = grant_types_supported
        if token_endpoint_auth_methods_supported is not UNSET:
            field_dict["token_endpoint_auth_methods_supported"] = (
                token_endpoint_auth_methods_supported
            )
        if scopes_supported is not UNSET:
            field_dict["scopes_supported"] = scopes_supported
        if claims_supported is not UNSET:
            field_dict["claims_supported"] = claims_supported

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        issuer = d.pop("issuer")

        jwks_uri = d.pop("jwks_uri")

        token_endpoint = d.pop("token_endpoint")

        response_types_supported = cast(list[str], d.pop("response_types_supported"))

        subject_types_supported = cast(list[str], d.pop("subject_types_supported"))

        id_token_signing_alg_values_supported = cast(
            list[str], d.pop("id_token_signing_alg_values_supported")
        )

        introspection_endpoint = d.pop("introspection_endpoint", UNSET)

        grant_types_supported = cast(list[str], d.pop("grant_types_supported", UNSET))

        token_endpoint_auth_methods_supported = cast(
            list[str], d.pop("token_endpoint_auth_methods_supported", UNSET)
        )

        scopes_supported = cast(list[str], d.pop("scopes_supported", UNSET))

        claims_supported = cast(list[str], d.pop("claims_supported", UNSET))

        open_id_configuration = cls(
            issuer=issuer,
            jwks_uri=jwks_uri,
            token_endpoint=token_endpoint,
            response_types_supported=response_types_supported,
            subject_types_supported=subject_types_supported,
            id_token_signing_alg_values_supported=id_token_signing_alg_values_supported,
            introspection_endpoint=introspection_endpoint,
            grant_types_supported=grant_types_supported,
            token_endpoint_auth_methods_supported=token_endpoint_auth_methods_supported,
            scopes_supported=scopes_supported,
            claims_supported=claims_supported,
        )

        open_id_configuration.additional_properties = d
        return open_id_configuration

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
