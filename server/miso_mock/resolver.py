"""Maps camelCase operationIds to handler functions (see `routes.handler_path`)."""

from __future__ import annotations

from typing import Any

from connexion.resolver import Resolver

from miso_mock.routes import Routes


class HandlerResolver(Resolver):
    def __init__(self, routes: Routes) -> None:
        super().__init__()
        self.routes = routes

    def resolve_operation_id(self, operation: Any) -> str:
        return self.routes.handler(operation.operation_id)
