"""Maps camelCase operationIds to handler functions (see `contract.handler_path`)."""

from __future__ import annotations

from typing import Any

from connexion.resolver import Resolver

from miso_mock.contract import Contract, handler_path


class HandlerResolver(Resolver):
    def __init__(self, contract: Contract) -> None:
        super().__init__()
        self.contract = contract

    def resolve_operation_id(self, operation: Any) -> str:
        return handler_path(self.contract.operations[operation.operation_id])
