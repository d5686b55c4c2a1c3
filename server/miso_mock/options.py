"""Everything `miso mock` can be told, in one place."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The origins a frontend dev server on this machine uses, on any port.
LOOPBACK_ORIGINS = (
    "http://localhost:*",
    "http://127.0.0.1:*",
    "http://[::1]:*",
    "https://localhost:*",
    "https://127.0.0.1:*",
    "https://[::1]:*",
)
ADMIN_TOKEN_ENV = "MISO_MOCK_ADMIN_TOKEN"


@dataclass(frozen=True)
class MockOptions:
    """`admin_token` None: no token opens `/_mock/*` (loopback callers may still use it).
    `public_url` None: `http://HOST:PORT`, the issuer tokens name."""

    host: str = "127.0.0.1"
    port: int = 8080
    state_file: Path | None = None
    store: str | None = None  # redis://HOST:PORT/DB: state shared by replicas and workers
    workers: int = 1
    latency_ms: tuple[int, int] = (0, 0)
    error_rate: float = 0.0
    rate_limit: tuple[int, int] = (1000, 60)
    deploy_speed: float = 1.0
    validate_responses: bool = False
    cors_origins: tuple[str, ...] = LOOPBACK_ORIGINS
    token_ttl: int = 3600
    webhook_hosts: tuple[str, ...] = field(default=("127.0.0.1", "localhost", "::1"))
    webhook_retry_base: float = 1.0
    webhook_max_attempts: int = 5
    max_deliveries: int = 100
    admin_token: str | None = None
    public_url: str | None = None
    seed: int | None = None

    def to_json(self) -> str:
        data = asdict(self)
        data["state_file"] = str(self.state_file) if self.state_file else None
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> MockOptions:
        data = json.loads(text)
        data["state_file"] = Path(data["state_file"]) if data.get("state_file") else None
        for name in ("latency_ms", "rate_limit", "webhook_hosts", "cors_origins"):
            data[name] = tuple(data[name])
        return cls(**data)


def parse_latency(text: str) -> tuple[int, int]:
    """`MS` or `MIN-MAX` milliseconds."""
    low, _, high = text.partition("-")
    bounds = (int(low), int(high or low))
    if bounds[0] < 0 or bounds[1] < bounds[0]:
        raise ValueError(f"latency must be MS or MIN-MAX with MIN <= MAX, got {text!r}")
    return bounds


def parse_rate_limit(text: str) -> tuple[int, int]:
    """`N/SECONDS` requests per window."""
    count, _, seconds = text.partition("/")
    limit = (int(count), int(seconds or 60))
    if limit[0] < 1 or limit[1] < 1:
        raise ValueError(f"rate limit must be N/SECONDS with both >= 1, got {text!r}")
    return limit


def base_url(options: MockOptions) -> str:
    """The mock's own URL: its `--public-url`, else where it listens."""
    if options.public_url:
        return options.public_url.rstrip("/")
    host = f"[{options.host}]" if ":" in options.host else options.host
    return f"http://{host}:{options.port}"
