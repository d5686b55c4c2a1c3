"""Which operation of a contract a request on the wire is: `GET /api/v1/users/user-456` is
`GET /api/v1/users/{user_id}` with `user_id=user-456`. `Contract.route` is the way in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ._operation import Operation

if TYPE_CHECKING:
    from ._model import Contract

_PARAMETER = re.compile(r"^\{(?P<name>[^}]+)\}$")


@dataclass(frozen=True)
class Route:
    operation: Operation
    path_parameters: dict[str, str]


class Routes:
    """Matches concrete paths to the contract's path templates; a literal segment wins over a
    parameter (`/users/me` before `/users/{user_id}`), as routers do."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        ordered = sorted(contract.operations, key=lambda op: op.path.count("{"))
        self._patterns = [(op, contract.path_regex(op.path)) for op in ordered]

    def match(self, method: str, path: str) -> Route | None:
        method = method.upper()
        for operation, pattern in self._patterns:
            if operation.method == method and pattern.match(path):
                return Route(operation, _parameters(operation.path, path))
        return None


def _parameters(template: str, path: str) -> dict[str, str]:
    found = {}
    for part, value in zip(template.split("/"), path.split("/"), strict=False):
        named = _PARAMETER.match(part)
        if named:
            found[named["name"]] = unquote(value)
    return found
