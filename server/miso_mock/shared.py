"""What replicas of one mock must agree on besides records: rate-limit windows, the signing
key, the issuer and the webhook origin marker. In-process by default; in Redis when the store
is.

A replica's tokens must verify on every other one (one signing key, created once by whichever
replica comes first), and a client's rate limit is one count however its requests are spread.
"""

from __future__ import annotations

import hashlib
import secrets

import redis
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from miso_mock.rate_windows import Standing
from miso_mock.redis_store import reachable


class RedisRateWindows:
    """One counter per client and window, incremented atomically by every replica and
    expiring with its window; the same answers as the in-process `RateWindows`."""

    def __init__(self, client: redis.Redis, prefix: str, limit: int, window: int) -> None:
        self.client = client
        self.prefix = prefix
        self.limit = limit
        self.window = window

    @reachable
    def hit(self, key: str, now: float, cost: int = 1) -> Standing:
        """Count a request of `key` (`cost` 0 only looks) and say where it stands."""
        start = int(now // self.window * self.window)
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]
        name = f"{self.prefix}:rate:{start}:{digest}"
        with self.client.pipeline(transaction=True) as pipe:
            pipe.incrby(name, cost)
            pipe.expire(name, self.window + 1)
            count, _ = pipe.execute()
        return Standing(self.limit, self.window, int(count), start + self.window)


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


@reachable
def shared_issuer(client: redis.Redis, prefix: str, mine: str) -> str:
    """The issuer every replica's tokens name: the first replica to start decides it (its
    `--public-url`, else its own address), so a token verifies on every replica."""
    name = f"{prefix}:issuer"
    client.set(name, mine, nx=True)
    return str(client.get(name))


@reachable
def shared_origin_marker(client: redis.Redis, prefix: str) -> str:
    """The `X-Miso-Origin` value every replica sends with its webhook deliveries and refuses
    in requests: a webhook aimed at another replica is the mock talking to itself too."""
    name = f"{prefix}:origin-marker"
    client.set(name, secrets.token_hex(16), nx=True)
    return str(client.get(name))
