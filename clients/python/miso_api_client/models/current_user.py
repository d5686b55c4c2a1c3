from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission
from ..models.user_role import UserRole

T = TypeVar("T", bound="CurrentUser")


@_attrs_define
class CurrentUser:
    """The principal behind the access token: the user the client acts for, its role, and the permissions this token
    actually carries (which may be fewer than the user's).

        Example:
            {'id': 'user-456', 'name': 'John Doe', 'email': 'john.doe@company.com', 'role': 'admin', 'permissions':
                ['miso:read', 'miso:write', 'miso:delete', 'miso:admin'], 'client_id': 'miso-dev', 'scope': 'api'}

        Attributes:
            id (str):
            name (str):
            email (str):
            role (UserRole):  Example: admin.
            permissions (list[Permission]):
            client_id (str): The OAuth client the token was issued to.
            scope (str):
    """

    id: str
    name: str
    email: str
    role: UserRole
    permissions: list[Permission]
    client_id: str
    scope: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        email = self.email

        role = self.role.value

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        client_id = self.client_id

        scope = self.scope

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "email": email,
                "role": role,
                "permissions": permissions,
                "client_id": client_id,
                "scope": scope,
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

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        client_id = d.pop("client_id")

        scope = d.pop("scope")

        current_user = cls(
            id=id,
            name=name,
            email=email,
            role=role,
            permissions=permissions,
            client_id=client_id,
            scope=scope,
        )

        current_user.additional_properties = d
        return current_user

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
