"""OIDC client-credentials tokens: RS256 JWTs signed by a key this mock makes at start.

PyJWT does the cryptography; verification pins the algorithm to RS256, so `alg: none` and
HMAC-with-the-public-key tokens are refused like any other forgery.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from miso_mock import clock

AUDIENCE = "miso-api"
ALGORITHM = "RS256"


@dataclass(frozen=True)
class Client:
    """A registered OAuth client and the user it acts for."""

    client_id: str
    secret: str
    user_id: str
    permissions: tuple[str, ...]


DEV_CLIENTS: tuple[Client, ...] = (
    Client(
        "miso-dev",
        "miso-dev-secret",
        "user-456",
        ("miso:read", "miso:write", "miso:delete", "miso:admin"),
    ),
    Client("miso-viewer", "miso-viewer-secret", "user-457", ("miso:read",)),
)


class TokenError(Exception):
    """A token that does not verify; the message says why."""


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Authority:
    """Issues and verifies the mock's access tokens."""

    def __init__(self, token_ttl: int = 3600, clients: tuple[Client, ...] = DEV_CLIENTS) -> None:
        self.token_ttl = token_ttl
        self.clients = {client.client_id: client for client in clients}
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._public_key = self._key.public_key()
        self.kid = f"miso-mock-{uuid.uuid4().hex[:8]}"

    def authenticate(self, client_id: str, secret: str) -> Client | None:
        client = self.clients.get(client_id)
        if client is None or not secrets.compare_digest(client.secret, secret):
            return None
        return client

    def issue(self, client: Client, issuer: str, scope: str) -> dict[str, Any]:
        """A signed token for `client` and the token endpoint's answer around it."""
        issued_at = int(clock.epoch())
        claims = {
            "iss": issuer,
            "sub": client.user_id,
            "aud": AUDIENCE,
            "iat": issued_at,
            "exp": issued_at + self.token_ttl,
            "scope": scope,
            "permissions": list(client.permissions),
            "client_id": client.client_id,
            "jti": uuid.uuid4().hex,
        }
        token = jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self.kid})
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.token_ttl,
            "scope": scope,
        }

    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a token this authority issued and that has not expired."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._public_key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.InvalidSignatureError as exc:
            raise TokenError("invalid signature") from exc
        except jwt.InvalidAlgorithmError as exc:
            raise TokenError("algorithm not allowed") from exc
        except jwt.PyJWTError as exc:
            raise TokenError(f"malformed token: {exc}") from exc
        return claims

    def jwks(self) -> dict[str, Any]:
        numbers = self._public_key.public_numbers()
        key = {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "alg": ALGORITHM,
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
        }
        return {"keys": [key]}
