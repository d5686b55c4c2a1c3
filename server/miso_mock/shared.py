"""What replicas of one mock must agree on besides records: rate-limit windows and the
signing key. In-process by default; in Redis when the store is.

A replica's tokens must verify on every other one (one signing key, created once by whichever
replica comes first), and a client's rate limit is one count however its requests are spread.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

import redis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from miso_mock.redis_store import reachable

MAX_CLIENTS = 10_000  # windows remembered in process before past ones are forgotten


class RateWindows(Protocol):
    def count(self, client: str, start: int, window: int, consume: bool) -> int:
        """Requests `client` made in the window starting at `start`, this one included when
        `consume` (documentation and the served spec show the standing without using it)."""


class MemoryRateWindows:
    """One fixed window per client, in this process."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[int, int]] = {}

    def count(self, client: str, start: int, window: int, consume: bool) -> int:
        window_start, count = self._windows.get(client, (start, 0))
        if window_start != start:
            window_start, count = start, 0
            if len(self._windows) > MAX_CLIENTS:  # forget clients of past windows
                self._windows = {k: v for k, v in self._windows.items() if v[0] == start}
        if consume:
            count += 1
        self._windows[client] = (window_start, count)
        return count


class RedisRateWindows:
    """One counter per client and window, incremented atomically by every replica and
    expiring with its window."""

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    @reachable
    def count(self, client: str, start: int, window: int, consume: bool) -> int:
        digest = hashlib.sha256(client.encode()).hexdigest()[:32]  # a client is often a token
        key = f"{self.prefix}:rate:{start}:{digest}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.incrby(key, 1 if consume else 0)
            pipe.expire(key, window + 1)
            count, _ = pipe.execute()
        return int(count)


def new_signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@reachable
def shared_signing_key(client: redis.Redis, prefix: str) -> rsa.RSAPrivateKey:
    """The key every replica signs with: the first to start stores one, the others load it."""
    name = f"{prefix}:signing-key"
    pem = client.get(name)
    if pem is None:
        mine = new_signing_key().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        client.set(name, mine.decode(), nx=True)
        pem = client.get(name)
    key = serialization.load_pem_private_key(str(pem).encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key
