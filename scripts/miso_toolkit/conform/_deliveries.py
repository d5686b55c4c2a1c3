"""Judging webhook deliveries against the contract's callback: each delivery on its own (the
signature over the raw body, the headers, the payload schema), the retry of the delivery the
receiver refused, and the instance's own list of deliveries against what arrived.

Each verdict is a breach (the instance is wrong) or a reason the evidence cannot decide (the
instance was slow, the listing could not be read); never a guess.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import best_match
from miso_contract import Contract
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from ._webhook_receiver import Arrival
from ._webhook_spec import ATTEMPTS_FIELD, LAST_STATUS_FIELD, NEXT_ATTEMPT_FIELD, WebhookSpec


@dataclass(frozen=True)
class Breach:
    """One way the deliveries break the contract; `kind` tells breaches apart in the report."""

    kind: str
    title: str
    message: str
    exchange: str  # what arrived (or what the instance listed), as a person reads it


def expected_signature(spec: WebhookSpec, secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, getattr(hashlib, spec.signature.digest)).hexdigest()
    return spec.signature.prefix + digest


class DeliveryJudge:
    """Judges what reached the receiver for one registered webhook and its secret."""

    def __init__(self, contract: Contract, spec: WebhookSpec, secret: str) -> None:
        self.spec = spec
        self.secret = secret
        self._header_validators = {
            name: OAS30Validator(
                contract.inline(parameter.get("schema") or {}), format_checker=oas30_format_checker
            )
            for name, parameter in spec.headers.items()
        }

    def identity(self, arrival: Arrival) -> str:
        """What stays the same on every attempt of one delivery: its delivery header, or (when
        the contract names none) its body."""
        header = self.spec.delivery_header
        value = arrival.header(header) if header else None
        return value if value is not None else arrival.body.hex()

    def arrival(self, arrival: Arrival) -> list[Breach]:
        """Everything wrong with one delivery, judged on its own."""
        spec = self.spec
        found = []
        for name, parameter in spec.headers.items():
            value = arrival.header(name)
            if value is None:
                if parameter.get("required"):
                    found.append(
                        self._breach(arrival, f"header {name}", f"has no `{name}` header", name)
                    )
                continue
            errors = list(self._header_validators[name].iter_errors(value))
            if errors:
                detail = (
                    f"`{name}: {value}` does not match its schema: {best_match(errors).message}"
                )
                found.append(self._breach(arrival, f"header {name}", detail, name))
        signature = arrival.header(spec.signature.header)
        if signature is not None:
            expected = expected_signature(spec, self.secret, arrival.body)
            if not hmac.compare_digest(signature, expected):
                found.append(
                    Breach(
                        "signature",
                        f"a delivery's {spec.signature.header} does not verify",
                        f"`{spec.signature.header}` is {signature!r}; the {spec.signature.digest} "
                        f"HMAC of the raw body under the secret the webhook was registered with "
                        f"is {expected!r}. The rule: {spec.signature.rule} {spec.callback_rule}",
                        arrival.render(),
                    )
                )
        found += self._payload(arrival)
        return found

    def _payload(self, arrival: Arrival) -> list[Breach]:
        spec = self.spec
        try:
            payload = json.loads(arrival.body)
        except ValueError:
            return [self._payload_breach(arrival, "the body is not JSON")]
        errors = list(spec.payload.iter_errors(payload))
        if errors:
            first = best_match(errors)
            where = "/".join(str(p) for p in first.absolute_path) or "(body)"
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            return [self._payload_breach(arrival, f"at `{where}`: {first.message}{more}")]
        header = spec.event_header
        stated = arrival.header(header) if header else None
        if header and spec.event_field and stated is not None and isinstance(payload, Mapping):
            carried = payload.get(spec.event_field)
            if stated != carried:
                rule = str(spec.headers[header].get("description") or "").strip()
                return [
                    self._breach(
                        arrival,
                        f"header {header}",
                        f"says `{stated}` while the payload's `{spec.event_field}` is "
                        f"`{carried}` ({header}: {rule})",
                        header,
                    )
                ]
        return []

    def _payload_breach(self, arrival: Arrival, detail: str) -> Breach:
        return Breach(
            "payload",
            "a delivery's payload does not match the callback's schema",
            f"The body of a delivery does not match the schema of "
            f"{self.spec.callback.name}'s request body {detail}. The rule: "
            f"{self.spec.callback_rule}",
            arrival.render(),
        )

    def _breach(self, arrival: Arrival, kind: str, detail: str, header: str) -> Breach:
        rule = str(self.spec.headers[header].get("description") or "").strip()
        return Breach(
            kind,
            f"a delivery's {header} header is wrong",
            f"A delivery {detail}. The rule: {header} is required: {rule}",
            arrival.render(),
        )

    def retry(
        self, arrivals: list[Arrival], probe: str, listed: Mapping[str, Any] | None
    ) -> Breach | str | None:
        """The refused delivery was retried (None), was not (a breach), or the evidence
        cannot tell (the reason)."""
        attempts = [a for a in arrivals if self.identity(a) == probe]
        if len(attempts) > 1:
            return None
        refused = attempts[0] if attempts else None
        if listed is None:
            return (
                "the delivery answered with a 5xx was not attempted again within the wait, "
                "and the instance's list of deliveries does not show it"
            )
        made = listed.get(ATTEMPTS_FIELD)
        pending = listed.get(NEXT_ATTEMPT_FIELD) is not None
        if pending or not isinstance(made, int) or made > 1:
            return (
                f"the delivery answered with a 5xx was not attempted again within the wait; "
                f"the instance lists it with {ATTEMPTS_FIELD}={made!r}, "
                f"{NEXT_ATTEMPT_FIELD}={listed.get(NEXT_ATTEMPT_FIELD)!r} (still due, or "
                f"attempts that did not reach the receiver)"
            )
        shown = refused.render() if refused else ""
        return Breach(
            "retry",
            "a delivery answered with a 5xx was not retried",
            f"The receiver answered the first attempt of a delivery with a 5xx; the instance "
            f"made no further attempt and lists the delivery as final "
            f"({ATTEMPTS_FIELD}={made}, {NEXT_ATTEMPT_FIELD}=null, "
            f"{LAST_STATUS_FIELD}={listed.get(LAST_STATUS_FIELD)!r}). The rule: "
            f"{self.spec.rule} {self.spec.callback_rule}",
            f"{shown}\n\nlisted: {json.dumps(dict(listed), sort_keys=True)}".strip(),
        )

    def listed_not_received(
        self, listed: Mapping[str, Mapping[str, Any]], arrivals: list[Arrival]
    ) -> list[Breach]:
        """Deliveries the instance lists as answered 2xx by the receiver that never reached
        it: only the receiver answers 2xx at its URL, so the list and the deliveries disagree."""
        received = {self.identity(a) for a in arrivals}
        found = []
        for identity, record in listed.items():
            status = record.get(LAST_STATUS_FIELD)
            if isinstance(status, int) and 200 <= status < 300 and identity not in received:
                found.append(
                    Breach(
                        "listed, not received",
                        "the instance lists a delivery the receiver never got",
                        f"The instance lists delivery {identity!r} as answered {status} by the "
                        f"webhook's URL, but no request with {self.spec.delivery_header}: "
                        f"{identity} reached it. The rule: {self.spec.rule}",
                        json.dumps(dict(record), sort_keys=True),
                    )
                )
        return found
