"""Per-request facts every layer needs (request id, the running mock), without passing them."""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from miso_mock.runtime import Runtime

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
runtime: contextvars.ContextVar[Runtime] = contextvars.ContextVar("runtime")


def current() -> Runtime:
    """The mock instance serving the current request."""
    return runtime.get()


base_url: contextvars.ContextVar[str] = contextvars.ContextVar("base_url", default="")

# Headers every response of this request carries (request id, rate limit). Filled by the outer
# middlewares, added both outside Connexion and inside it, before its response validation.
response_headers: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar(
    "response_headers"
)
