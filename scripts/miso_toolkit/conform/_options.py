"""Everything one conformance run can be told; the CLI and `miso bench` both build one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..paths import BUNDLE, SCHEMATHESIS_CONFIG
from .oracle._settings import OracleSettings

CONFIG_FILE = SCHEMATHESIS_CONFIG
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Where an in-process app serves its spec (the mock serves it here).
SERVED_SPEC_PATH = "/api/v1/openapi.json"
IN_PROCESS_URL = "http://testserver"


@dataclass(frozen=True)
class ConformOptions:
    """A run against `base_url` over HTTP, or against `app` (an ASGI app) in this process.

    Unset tuning (`max_examples`, `workers`, `phases`) comes from `config`; `allow_writes`
    unset means "only against loopback". For an in-process app, `base_url` is only the URL
    requests pretend to go to, so it still decides whether writes are allowed.
    """

    base_url: str = ""
    app: Any = None
    spec: Path = BUNDLE
    config: Path = CONFIG_FILE
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    # A second, less privileged client for the Miso permissions check.
    viewer_client_id: str | None = None
    viewer_client_secret: str | None = field(default=None, repr=False)
    max_examples: int | None = None
    workers: int | None = None
    seed: int | None = None
    phases: tuple[str, ...] | None = None
    include_operations: tuple[str, ...] = ()
    allow_writes: bool | None = None
    # The pace and the budget: at most `rate` = (N, SECONDS) requests per window, whatever the
    # instance allows; stop after `max_requests` requests or `max_duration` seconds of testing.
    rate: tuple[int, float] | None = None
    max_requests: int | None = None
    max_duration: int | None = None
    report_dir: Path | None = None
    # Where webhook deliveries are received (`HOST:PORT`); None: a free loopback port.
    webhook_receiver: str | None = None
    # The mock as the oracle (when its package is installed); None turns it off.
    oracle: OracleSettings | None = field(default_factory=OracleSettings)
    progress: bool = True
    stream: TextIO | None = None

    @property
    def target(self) -> str:
        return self.base_url or (IN_PROCESS_URL if self.app is not None else "")
