"""Users and the current principal."""

from __future__ import annotations

from miso_mock.context import current
from miso_mock.errors import not_found
from miso_mock.handlers._common import Body, Result, claims, page_of, require, sort_records


async def list_users(page: int, limit: int, sort: str, role: str | None = None) -> Result:
    users = [u for u in current().store.all("users") if role is None or u["role"] == role]
    return page_of(sort_records(users, sort), page, limit), 200


async def get_user(user_id: str) -> Result:
    return require("users", user_id, "User"), 200


async def update_user(user_id: str, body: Body) -> Result:
    require("users", user_id, "User")
    user = current().store.update("users", user_id, lambda stored: {**stored, **body})
    if user is None:  # deleted meanwhile
        raise not_found("User", user_id)
    return user, 200


async def get_current_user() -> Result:
    token = claims()
    user = require("users", token["sub"], "User")
    return {
        "id": user["id"],
        "name": user["name"],
        "email": user["email"],
        "role": user["role"],
        "permissions": list(token.get("permissions", [])),
        "client_id": token.get("client_id", ""),
        "scope": token.get("scope", ""),
    }, 200
