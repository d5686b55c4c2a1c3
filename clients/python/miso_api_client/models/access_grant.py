from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.access_role import AccessRole

T = TypeVar("T", bound="AccessGrant")


@_attrs_define
class AccessGrant:
    """One user's role on an application.

    Example:
        {'user_id': 'user-456', 'role': 'owner'}

    Attributes:
        user_id (str):
        role (AccessRole): What a user may do with one application: `owner` everything, `maintainer` configure and
            deploy,
            `viewer` read. Example: maintainer.
    """

    user_id: str
    role: AccessRole

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        role = AccessRole(d.pop("role"))

        access_grant = cls(
            user_id=user_id,
            role=role,
        )

        return access_grant
