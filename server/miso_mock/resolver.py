"""Maps camelCase operationIds to handler functions: `listApplications` (tag `applications`)
→ `miso_mock.handlers.applications.list_applications`."""

from __future__ import annotations

import re
from typing import Any

from connexion.resolver import Resolver

from miso_mock.contract import Contract


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class HandlerResolver(Resolver):
    def __init__(self, contract: Contract) -> None:
        super().__init__()
        self.contract = contract

    def resolve_operation_id(self, operation: Any) -> str:
        op = self.contract.operations[operation.operation_id]
        return f"miso_mock.handlers.{op.tag}.{snake_case(op.operation_id)}"
