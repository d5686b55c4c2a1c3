"""Learning the secrets that pass through, so no output of the proxy shows them: the bearer
token of every request, and the values of the fields the contract marks `writeOnly` (a
client's secret, a webhook's signing secret) in the bodies clients send. Anything shaped like
a token is masked anyway by the conformance tester's redactor, which does the masking here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from miso_contract import Contract, Operation

from ..conform._redact import REDACTED, Redactor
from ._exchange import Exchange

FORM = "application/x-www-form-urlencoded"
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})


class Secrets:
    def __init__(self, contract: Contract, redact: Redactor) -> None:
        self._contract = contract
        self.redact = redact
        self._fields: dict[tuple[str, str], frozenset[str]] = {}

    def learn(self, exchange: Exchange, operation: Operation | None) -> None:
        self.redact.add(exchange.bearer_token)
        for name, value in exchange.request_headers:
            if name.lower() in SECRET_HEADERS:
                self.redact.add(value)
        if operation is None or operation.request_body is None or not exchange.request_complete:
            return
        media = (exchange.request_header("content-type") or "").split(";")[0].strip().lower()
        body: Any = (
            dict(parse_qsl(exchange.request_body.decode("utf-8", "replace")))
            if media == FORM
            else exchange.request_json()
        )
        if isinstance(body, Mapping):
            for field in self._write_only(operation, media or "application/json"):
                sent = body.get(field)
                if isinstance(sent, str):
                    self.redact.add(sent)

    def _write_only(self, operation: Operation, media: str) -> frozenset[str]:
        key = (operation.label, media)
        if key not in self._fields:
            schema = self._contract.json_schema(operation.request_body, media)
            self._fields[key] = frozenset(
                name
                for name, sub in self._contract.properties(schema).items()
                if isinstance(sub, Mapping) and sub.get("writeOnly")
            )
        return self._fields[key]


def masked_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers as a recording keeps them: credentials replaced by a marker."""
    return [
        (name, REDACTED if name.lower() in SECRET_HEADERS else value) for name, value in headers
    ]
