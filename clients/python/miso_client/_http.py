"""What both clients set up the same way: the User-Agent and the generated client wrapper."""

from __future__ import annotations

from importlib import metadata

import httpx
from miso_api_client.client import AuthenticatedClient

DISTRIBUTION = "aifabrix-miso-python"


def user_agent() -> str:
    """`aifabrix-miso-python/<version>`, so servers can tell SDK versions apart in their logs."""
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"{DISTRIBUTION}/{version}"


def api_client(
    base_url: str, sync: httpx.Client | None = None, async_: httpx.AsyncClient | None = None
) -> AuthenticatedClient:
    """The generated client on top of our own httpx client.

    Its `token` is unused: `ClientCredentials` (the httpx auth of `sync`/`async_`) sets the
    Authorization header on every request, so token handling lives in one place.
    """
    api = AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=False)
    if sync is not None:
        api.set_httpx_client(sync)
    if async_ is not None:
        api.set_async_httpx_client(async_)
    return api
