"""What both clients set up the same way: the User-Agent and the generated client wrapper."""

from __future__ import annotations

import logging
import os
import sys
from importlib import metadata

import httpx
from miso_api_client.client import AuthenticatedClient

from ._behaviour import DEBUG_ENV, DEBUG_VALUE, USER_AGENT
from ._retry import logger

DISTRIBUTION = "aifabrix-miso-python"


def user_agent() -> str:
    """`aifabrix-miso-python/<version>`, so servers can tell SDK versions apart in their logs."""
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return USER_AGENT.format(sdk=DISTRIBUTION, version=version)


def debug_from_environment() -> None:
    """With `MISO_LOG=debug`, log every request and answer (tokens redacted) on stderr."""
    if os.environ.get(DEBUG_ENV) != DEBUG_VALUE:
        return
    logger.setLevel(logging.DEBUG)
    if not any(getattr(handler, "_miso_debug", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("miso: %(message)s"))
        handler._miso_debug = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


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
