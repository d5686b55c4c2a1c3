"""Tokens: what the instance issues verifies against the keys its discovery document points to,
with the issuer it states, and its own `/auth/validate` agrees: valid for the tokens it issued
(with their claims), invalid for a tampered one, an expired one, an unsigned one (`alg: none`)
and one signed with a key that is not its own.

The operations are found by their operationIds; the fields read are OpenID Connect's
(`issuer`, `jwks_uri`, `id_token_signing_alg_values_supported`) and the validation answer's
schema (its boolean verdict, its claims object and the claims that schema requires). The
audience is the one the instance states for its own tokens (the discovery document has no
field for it): the issued token's `aud` and the `aud` the instance's validation reports.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from miso_contract import Contract, Operation

from ._http import Client, HttpClient, Reply, Unreachable
from ._pacer import Pacer
from ._verdicts import Verdicts, curl

DISCOVERY_OPERATION = "getOpenIdConfiguration"
KEYS_OPERATION = "getJwks"
VALIDATE_OPERATION = "validateToken"
# An expired token is only to be had by waiting for one to expire: at most this long.
EXPIRY_WAIT_SECONDS = 30.0
# How long past its lifetime an expired token is validated: the instance may tolerate some
# clock skew on `exp` (RFC 7519 §4.1.4); a minute unless it runs on this machine.
EXPIRY_MARGIN_SAME_MACHINE = 2.0
EXPIRY_MARGIN_REMOTE = 60.0
CLOCK_ALLOWANCE_SAME_MACHINE = 1
CLOCK_ALLOWANCE_REMOTE = 300


@dataclass(frozen=True)
class _Forgery:
    kind: str
    token: str
    how: str  # how it was made, for the report (the token itself is never shown)


class TokenChecks:
    def __init__(
        self,
        contract: Contract,
        client: Client,
        token: Callable[[], str],
        base_url: str,
        *,
        fresh_token: Callable[[], str] | None,
        pacer: Pacer | None,
        same_clock: bool,
        validate_allowed: bool,
    ) -> None:
        self.contract = contract
        self.client = client
        self.token = token
        self.base_url = base_url
        self.fresh_token = fresh_token
        self.pacer = pacer
        self.leeway = CLOCK_ALLOWANCE_SAME_MACHINE if same_clock else CLOCK_ALLOWANCE_REMOTE
        self.expiry_margin = EXPIRY_MARGIN_SAME_MACHINE if same_clock else EXPIRY_MARGIN_REMOTE
        self.validate_allowed = validate_allowed

    def run(self) -> Verdicts:
        verdicts = Verdicts()
        discovery_op = self.contract.operation(DISCOVERY_OPERATION)
        validate_op = self.contract.operation(VALIDATE_OPERATION)
        token = self.token()
        claims = _unverified_claims(token)
        if discovery_op is not None:
            self._against_keys(discovery_op, token, verdicts)
        if validate_op is None:
            return verdicts
        if not self.validate_allowed:
            verdicts.cannot_judge(
                f"tokens: {validate_op.label} not asked (a read-only run sends no POST but its "
                "token request)"
            )
            return verdicts
        self._validate_issued(validate_op, token, claims, verdicts)
        if claims is None:
            return verdicts
        for forgery in _forgeries(token, claims):
            self._validate_forged(validate_op, forgery, verdicts)
        self._validate_expired(validate_op, verdicts)
        return verdicts

    # -- the keys the discovery document points to --------------------------------------------

    def _against_keys(self, discovery_op: Operation, token: str, verdicts: Verdicts) -> None:
        discovery = self._get_json(discovery_op.path)
        if not isinstance(discovery, Mapping):
            verdicts.cannot_judge(f"tokens: {discovery_op.label} could not be read")
            return
        issuer, jwks_uri = discovery.get("issuer"), discovery.get("jwks_uri")
        algorithms = discovery.get("id_token_signing_alg_values_supported") or []
        keys = self._get_json(str(jwks_uri)) if isinstance(jwks_uri, str) else None
        where = f"the key set at {jwks_uri} (the discovery document's jwks_uri)"
        if not isinstance(keys, Mapping):
            verdicts.cannot_judge(f"tokens: {where} could not be read")
            return
        verdicts.examined += 1
        label = self.contract.operation(KEYS_OPERATION)
        label_text = label.label if label else discovery_op.label
        reproduce = "\n".join(
            [
                curl(self.base_url, "GET", discovery_op.path, token=False),
                f"curl {jwks_uri}",
            ]
        )
        shown = json.dumps({"discovery": discovery, "jwks": keys}, indent=2)[:3000]
        try:
            header = jwt.get_unverified_header(token)
            key_set = jwt.PyJWKSet.from_dict(dict(keys))
            matching = [k for k in key_set.keys if k.key_id == header.get("kid")] or (
                key_set.keys if len(key_set.keys) == 1 and "kid" not in header else []
            )
            if not matching:
                raise jwt.InvalidSignatureError(f"no key with kid {header.get('kid')!r}")
            key = matching[0]
            allowed = [a for a in algorithms if a == (key.algorithm_name or a)]
            jwt.decode(
                token,
                key.key,
                algorithms=allowed or [key.algorithm_name],
                issuer=issuer if isinstance(issuer, str) else None,
                leeway=self.leeway,
                options={"verify_aud": False, "require": self._required_claims()},
            )
        except jwt.MissingRequiredClaimError as exc:
            verdicts.breach(
                label_text,
                "claims",
                "the instance's tokens lack a claim the contract requires",
                f"The access token the instance issued has no `{exc.claim}` claim; the "
                f"contract requires {', '.join(self._required_claims())}.",
                curl=reproduce,
                response=shown,
            )
        except jwt.InvalidIssuerError:
            verdicts.breach(
                label_text,
                "issuer",
                "the instance's tokens name another issuer than its discovery document",
                f"The access token the instance issued says `iss: "
                f"{_unverified_claims(token, {}).get('iss')!r}`; its discovery document says "
                f"`issuer: {issuer!r}`. The rule: {_description(discovery_op)}",
                curl=reproduce,
                response=shown,
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            verdicts.breach(
                label_text,
                "keys",
                "the instance's tokens do not verify against its key set",
                f"The access token the instance issued does not verify against {where} with the "
                f"algorithms it states ({', '.join(map(str, algorithms)) or 'none'}): "
                f"{type(exc).__name__}: {exc}. The rule: {_description(label or discovery_op)}",
                curl=reproduce,
                response=shown,
            )

    def _required_claims(self) -> list[str]:
        schema = self._claims_schema()
        required = schema.get("required") if isinstance(schema, Mapping) else None
        return [str(c) for c in required] if isinstance(required, list) else []

    def _claims_schema(self) -> Any:
        """The schema of the claims `/auth/validate` reports (the verdict's object field)."""
        validate_op = self.contract.operation(VALIDATE_OPERATION)
        if validate_op is None:
            return {}
        answer = self.contract.json_schema(self.contract.responses(validate_op).get("200"))
        for schema in self.contract.properties(answer).values():
            if schema.get("type") == "object" and schema.get("required"):
                return schema
        return {}

    def _verdict_fields(self) -> tuple[str | None, str | None]:
        """(the boolean verdict, the claims object) of the validation answer's schema."""
        validate_op = self.contract.operation(VALIDATE_OPERATION)
        if validate_op is None:
            return None, None
        answer = self.contract.json_schema(self.contract.responses(validate_op).get("200"))
        fields = self.contract.properties(answer)
        required = set(self.contract.resolve(answer).get("required") or [])
        verdict = next(
            (n for n, s in fields.items() if s.get("type") == "boolean" and n in required), None
        )
        claims = next((n for n, s in fields.items() if s.get("type") == "object"), None)
        return verdict, claims

    # -- /auth/validate -----------------------------------------------------------------------

    def _validate(self, operation: Operation, token: str) -> tuple[Reply | None, Any]:
        field = self._token_field(operation)
        try:
            reply = self.client.request("POST", operation.path, json_body={field: token})
        except Unreachable:
            return None, None
        if reply.status != 200:
            return reply, None
        try:
            return reply, reply.json()
        except ValueError:
            return reply, None

    def _token_field(self, operation: Operation) -> str:
        schema = self.contract.json_schema(operation.request_body)
        required = self.contract.resolve(schema).get("required") or []
        return str(required[0]) if required else "token"

    def _judged(
        self, operation: Operation, token: str, what: str, verdicts: Verdicts
    ) -> tuple[bool | None, Any, Reply | None]:
        """The instance's verdict on `token` (None when it gave none to judge)."""
        reply, answer = self._validate(operation, token)
        verdict_field, _ = self._verdict_fields()
        verdict = answer.get(verdict_field) if isinstance(answer, Mapping) else None
        if not isinstance(verdict, bool):
            status = reply.status if reply else "no answer"
            verdicts.cannot_judge(f"tokens: {operation.label} gave no verdict on {what} ({status})")
            return None, answer, reply
        verdicts.examined += 1
        return verdict, answer, reply

    def _validate_issued(
        self, operation: Operation, token: str, claims: Mapping[str, Any] | None, verdicts: Verdicts
    ) -> None:
        verdict, answer, reply = self._judged(operation, token, "the run's own token", verdicts)
        reproduce = self._curl(operation)
        if verdict is False:
            verdicts.breach(
                operation.label,
                "issued token invalid",
                "the instance calls a token it issued itself invalid",
                f"{operation.label} says the access token the instance's own token endpoint "
                f"issued to this run is not valid. The rule: {_description(operation)}",
                curl=reproduce,
                response=_shown(reply),
                status=reply.status if reply else None,
            )
            return
        _, claims_field = self._verdict_fields()
        reported = (
            answer.get(claims_field) if isinstance(answer, Mapping) and claims_field else None
        )
        if verdict and isinstance(reported, Mapping) and claims is not None:
            differ = sorted(k for k in reported if k in claims and reported[k] != claims[k])
            if differ:
                detail = ", ".join(
                    f"{k}: token {claims[k]!r}, reported {reported[k]!r}" for k in differ
                )
                verdicts.breach(
                    operation.label,
                    "claims",
                    "the instance reports other claims than its token carries",
                    f"{operation.label} reports claims for the run's access token that the "
                    f"token does not carry ({detail}). The rule: {_description(operation)}",
                    curl=reproduce,
                    response=_shown(reply),
                    status=reply.status if reply else None,
                )

    def _validate_forged(self, operation: Operation, forgery: _Forgery, verdicts: Verdicts) -> None:
        verdict, _, reply = self._judged(operation, forgery.token, f"a {forgery.kind}", verdicts)
        if verdict:
            self._accepted(operation, forgery, reply, verdicts)

    def _validate_expired(self, operation: Operation, verdicts: Verdicts) -> None:
        """A token of the instance's own, validated once it has expired: only when tokens live
        short enough to wait for one (the mock's `--token-ttl`)."""
        if self.fresh_token is None:
            verdicts.cannot_judge(
                "tokens: no expired token to validate (the run has no credentials)"
            )
            return
        try:
            token = self.fresh_token()
        except Exception as exc:
            verdicts.cannot_judge(f"tokens: no fresh token to let expire ({exc})")
            return
        got = time.monotonic()
        claims = _unverified_claims(token, {})
        lifetime = claims.get("exp", 0) - claims.get("iat", 0)
        if not isinstance(lifetime, int | float) or lifetime <= 0:
            verdicts.cannot_judge("tokens: the issued token states no lifetime (exp - iat)")
            return
        if lifetime > EXPIRY_WAIT_SECONDS:
            verdicts.cannot_judge(
                f"tokens: no expired token validated: tokens live {int(lifetime)} s, longer than "
                f"the run waits ({int(EXPIRY_WAIT_SECONDS)} s)"
            )
            return
        # Timed from its arrival, on this machine's clock: it was issued before that, so on the
        # instance's clock it has expired too, whatever the two clocks say.
        time.sleep(max(0.0, got + lifetime + self.expiry_margin - time.monotonic()))
        forgery = _Forgery(
            "expired token",
            token,
            f"a token the instance issued, validated {int(lifetime)} s (its lifetime, exp - iat) "
            f"and {self.expiry_margin:.0f} s more after it arrived",
        )
        self._validate_forged(operation, forgery, verdicts)

    def _accepted(
        self, operation: Operation, forgery: _Forgery, reply: Reply | None, verdicts: Verdicts
    ) -> None:
        verdicts.breach(
            operation.label,
            forgery.kind,
            f"the instance calls a bad token valid: {forgery.kind}",
            f"{operation.label} answered valid for {forgery.how}. Only a token the instance "
            f"issued and that is still valid may pass. The rule: {_description(operation)}",
            curl=self._curl(operation),
            response=_shown(reply),
            status=reply.status if reply else None,
        )

    def _curl(self, operation: Operation) -> str:
        body = {self._token_field(operation): "<the token described above>"}
        return curl(self.base_url, "POST", operation.path, body, token=False)

    # -- requests ----------------------------------------------------------------------------

    def _get_json(self, where: str) -> Any:
        """GET a path of the instance, or an absolute URL (the discovery document's jwks_uri),
        which goes to the instance when it names the instance, else through its own paced
        client."""
        parts = urlsplit(where)
        own = urlsplit(self.base_url)
        try:
            if not parts.scheme or (parts.scheme, parts.netloc) == (own.scheme, own.netloc):
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                reply = self.client.request("GET", path)
            elif self.pacer is None:  # an app in this process: its URLs name itself
                reply = self.client.request("GET", parts.path)
            else:
                other = HttpClient(f"{parts.scheme}://{parts.netloc}", pacer=self.pacer)
                try:
                    reply = other.request("GET", parts.path)
                finally:
                    other.close()
        except Unreachable:
            return None
        if reply.status != 200:
            return None
        try:
            return reply.json()
        except ValueError:
            return None


def _forgeries(token: str, claims: Mapping[str, Any]) -> list[_Forgery]:
    """The issued token tampered with, unsigned, and signed with a key that is not the
    instance's; each keeps the issued token's claims, so only the signature is wrong."""
    head, payload, signature = token.split(".")
    header = json.loads(_unb64(head))
    later = {**claims, "exp": int(claims.get("exp", time.time())) + 3600}
    foreign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    extra = {k: v for k, v in header.items() if k not in ("alg", "typ")}
    return [
        _Forgery(
            "tampered token",
            f"{head}.{_b64(json.dumps(later).encode())}.{signature}",
            "the token the instance issued with its payload's `exp` moved an hour later and "
            "its signature kept",
        ),
        _Forgery(
            "unsigned token",
            f"{_b64(json.dumps({**header, 'alg': 'none'}).encode())}.{payload}.",
            "the token the instance issued with `alg: none` in its header and no signature",
        ),
        _Forgery(
            "token signed with another key",
            jwt.encode(dict(claims), foreign_key, algorithm="RS256", headers=extra),
            "the claims of the token the instance issued (its `kid` too), signed with a "
            "freshly made RSA key that is not the instance's",
        ),
    ]


def _unverified_claims(token: str, default: Any = None) -> Any:
    try:
        return jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return default


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _description(operation: Operation) -> str:
    return " ".join(str(operation.definition.get("description") or "").split())


def _shown(reply: Reply | None) -> str:
    if reply is None:
        return ""
    body = reply.body.decode("utf-8", errors="replace")[:2000]
    return f"HTTP {reply.status}\n\n{body}"
