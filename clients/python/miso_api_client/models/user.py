from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission
from ..models.user_role import UserRole
from ..models.user_status import UserStatus

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """A person with access to the platform.

    Example:
        {'id': 'user-456', 'name': 'John Doe', 'email': 'john.doe@company.com', 'role': 'admin', 'status': 'active',
            'created_at': '2024-01-15T10:30:00Z', 'last_login': '2024-01-15T09:00:00Z', 'permissions': ['miso:read',
            'miso:write', 'miso:delete', 'miso:admin']}

    Attributes:
        id (str):
        name (str):
        email (str):
        role (UserRole):  Example: admin.
        status (UserStatus):  Example: active.
        created_at (datetime.datetime):
        last_login (datetime.datetime | None):
        permissions (list[Permission]):
    """

    id: str
    name: str
    email: str
    role: UserRole
    status: UserStatus
    created_at: datetime.datetime
    last_login: datetime.datetime | None
    permissions: list[Permission]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        role = self.role.value

        status = self.status.value

        created_at = self.created_at.isoformat()

        last_login: None | str
        if isinstance(self.last_login, datetime.datetime):
            last_login = self.last_login.isoformat()
        else:
            last_login = self.last_login

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
                "role": role,
                "status": status,
                "created_at": created_at,
                "last_login": last_login,
                "permissions": permissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        email = d.pop("email")

        role = UserRole(d.pop("role"))

        status = UserStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_last_login(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login = _parse_last_login(d.pop("last_login"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        user = cls(
            id=id,
            name=name,
            email=email,
            role=role,
            status=status,
            created_at=created_at,
            last_login=last_login,
            permissions=permissions,
        )

        user.additional_properties = d
        return user

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
