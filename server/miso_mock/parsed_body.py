"""A JSON request body parsed once, by the body guard, and read from the ASGI scope after.

Without it a create parses its body three times: the guard (to answer malformed JSON with a
400), Connexion's body validator, and Connexion's parameter decorator, each reading the body
again from the `receive` channel. The guard parses exactly the bytes it replays, as UTF-8,
so the value it keeps is the value the others would get when the body is UTF-8.
"""

from __future__ import annotations

from typing import Any

from starlette.types import Scope

_KEY = "miso.parsed_json"
_MISSING = object()


def keep(scope: Scope, value: Any) -> None:
    scope[_KEY] = value


def kept(scope: Scope) -> tuple[bool, Any]:
    """(True, value) when the guard parsed this request's body, else (False, None)."""
    value = scope.get(_KEY, _MISSING)
    return (False, None) if value is _MISSING else (True, value)
