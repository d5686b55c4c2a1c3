"""OIDC client-credentials tokens: RS256 JWTs signed by a key this mock makes at start.

PyJWT does the cryptography; verification pins the algorithm to RS256, so `alg: none` and
HMAC-with-the-public-key tokens are refused like any other forgery.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from miso_mock import clock

AUDIENCE = "miso-api"
ALGORITHM = "RS256"
MAX_VERIFIED = 10_000  # verified tokens remembered at once


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

    def __init__(
        self,
        issuer: str,
        token_ttl: int = 3600,
        clients: tuple[Client, ...] = DEV_CLIENTS,
        key: rsa.RSAPrivateKey | None = None,
    ) -> None:
        # Fixed at start, never taken from a request: a `Host` header must not decide what
        # tokens say about who issued them, nor where their keys are found.
        self.issuer = issuer
        self.token_ttl = token_ttl
        self.clients = {client.client_id: client for client in clients}
        # A key passed in is shared with other replicas; the kid follows from it, so they
        # all name it alike.
        self._key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._public_key = self._key.public_key()
        public_der = self._public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.kid = f"miso-mock-{hashlib.sha256(public_der).hexdigest()[:8]}"
        # Tokens that verified, by their exact text: the RS256 check is the costliest step of
        # an authenticated request, and a client sends the same token until it expires.
        self._verified: dict[str, dict[str, Any]] = {}

    def authenticate(self, client_id: str, secret: str) -> Client | None:
        client = self.clients.get(client_id)
        if client is None or not secrets.compare_digest(client.secret, secret):
            return None
        return client

    def issue(self, client: Client, scope: str) -> dict[str, Any]:
        """A signed token for `client` and the token endpoint's answer around it."""
        issued_at = int(clock.epoch())
        claims = {
            "iss": self.issuer,
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
        """The claims of a token this authority issued and that has not expired.

        A token seen before skips the signature check (its text is what was verified) but not
        the expiry check, which is PyJWT's: expired once `exp <= now`.
        """
        known = self._verified.get(token)
        if known is not None:
            if known["exp"] > clock.epoch():
                return dict(known)
            del self._verified[token]
        claims = self._decode(token)
        if len(self._verified) >= MAX_VERIFIED:
            now = clock.epoch()
            self._verified = {t: c for t, c in self._verified.items() if c["exp"] > now}
            if len(self._verified) >= MAX_VERIFIED:
                self._verified.clear()
        self._verified[token] = claims
        return dict(claims)

    def client_of(self, token: str) -> str | None:
        """The client this authority issued `token` to, expired or not; None for a token it did
        not issue. Rate limiting counts a client's requests together, its expired tokens too."""
        try:
            claims = self.verify(token)
        except TokenError:
            try:
                claims = jwt.decode(
                    token,
                    self._public_key,
                    algorithms=[ALGORITHM],
                    audience=AUDIENCE,
                    issuer=self.issuer,
                    options={"verify_exp": False},
                )
            except jwt.PyJWTError:
                return None
        client_id = claims.get("client_id")
        return str(client_id) if client_id else None

    def _decode(self, token: str) -> dict[str, Any]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._public_key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=self.issuer,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.InvalidSignatureError as exc:
            raise TokenError("invalid signature") from exc
        except jwt.InvalidAlgorithmError as exc:
            raise TokenError("algorithm not allowed") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenError(f"issuer is not {self.issuer}") from exc
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
