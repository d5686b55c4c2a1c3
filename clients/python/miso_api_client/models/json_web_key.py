from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.json_web_key_alg import JsonWebKeyAlg
from ..models.json_web_key_kty import JsonWebKeyKty
from ..models.json_web_key_use import JsonWebKeyUse

T = TypeVar("T", bound="JsonWebKey")


@_attrs_define
class JsonWebKey:
    """A public RSA signing key (RFC 7517).

    Example:
        {'kty': 'RSA', 'use': 'sig', 'kid': 'miso-1', 'alg': 'RS256', 'n':
            'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18gnTx
            KLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-
            VJYKdjykkJ0iT9wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-
            Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw', 'e': 'AQAB'}

    Attributes:
        kty (JsonWebKeyKty):
        use (JsonWebKeyUse):
        kid (str):
        alg (JsonWebKeyAlg):
        n (str): Modulus, base64url.
        e (str): Exponent, base64url.
    """

    kty: JsonWebKeyKty
    use: JsonWebKeyUse
    kid: str
    alg: JsonWebKeyAlg
    n: str
    e: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kty = self.kty.value

        use = self.use.value

        kid = self.kid

        alg = self.alg.value

        n = self.n

        e = self.e

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kty": kty,
                "use": use,
                "kid": kid,
                "alg": alg,
                "n": n,
                "e": e,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kty = JsonWebKeyKty(d.pop("kty"))

        use = JsonWebKeyUse(d.pop("use"))

        kid = d.pop("kid")

        alg = JsonWebKeyAlg(d.pop("alg"))

        n = d.pop("n")

        e = d.pop("e")

        json_web_key = cls(
            kty=kty,
            use=use,
            kid=kid,
            alg=alg,
            n=n,
            e=e,
        )

        json_web_key.additional_properties = d
        return json_web_key

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
