"""What the contract says about webhooks, read once through the contract model.

Nothing about deliveries is written in code: which operation registers a webhook (the one whose
callback is sent to a URL taken from its request body), which request fields carry the URL,
the events and the secret, the callback's headers and payload schema, the signature scheme
(the signature header's pattern names the digest, its description the HMAC), which header
names the delivery and where the deliveries are listed. The rules a finding quotes are the
descriptions the spec gives them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from miso_contract import Contract, Operation
from openapi_schema_validator import OAS30Validator, oas30_format_checker

# The callback URL as a runtime expression into the registering request's body.
_URL_FROM_BODY = re.compile(r"^\{\$request\.body#(?P<pointer>/[^}]*)\}$")
# A signature header's pattern: a fixed prefix and a hex digest of a fixed length.
_HEX_DIGEST = re.compile(r"^\^(?P<prefix>[A-Za-z0-9_.=:-]*)\[0-9a-f\]\{(?P<length>\d+)\}\$$")
_LINK_BODY = re.compile(r"^\$response\.body#(?P<pointer>/.*)?$")
# Fields of a listed delivery the retry verdict reads: attempts made, when the next is due
# (null once it is final) and the status the receiver answered last. They are checked to be in
# the listed delivery's schema; without them the listing is not used.
ATTEMPTS_FIELD = "attempts"
NEXT_ATTEMPT_FIELD = "next_attempt_at"
LAST_STATUS_FIELD = "last_status_code"


@dataclass(frozen=True)
class Signature:
    header: str
    prefix: str  # "sha256="
    digest: str  # a hashlib name: "sha256"
    rule: str  # the header's description


@dataclass(frozen=True)
class Linked:
    """An operation linked from the registration's answer, and how its path is filled."""

    operation: Operation
    parameters: Mapping[str, str]  # path parameter -> JSON pointer into the answer

    def path(self, answer: Any) -> str | None:
        path = self.operation.path
        for name, pointer in self.parameters.items():
            value = _pointer(answer, pointer)
            if not isinstance(value, str | int) or isinstance(value, bool):
                return None
            path = path.replace(f"{{{name}}}", str(value))
        return None if "{" in path else path


@dataclass(frozen=True)
class Listing:
    """Where an instance lists a webhook's deliveries: the items field, the id field that
    holds the delivery header's value, and the page parameters it takes."""

    linked: Linked
    items: str
    identity: str
    limit: int | None  # the largest page it allows, when it pages
    verdicts: bool  # the retry fields are all there


@dataclass(frozen=True)
class WebhookSpec:
    register: Operation
    callback: Operation
    url_field: str
    events_field: str
    events: tuple[str, ...]
    secret_field: str
    secret_length: tuple[int, int]
    signature: Signature
    event_header: str | None
    event_field: str | None  # the payload field the event header repeats
    delivery_header: str | None
    headers: Mapping[str, Mapping[str, Any]]  # every header of the callback -> its parameter
    payload: Any = field(repr=False)  # a validator of the callback's body schema
    listing: Listing | None
    delete: Linked | None
    rule: str  # the registering operation's description
    callback_rule: str  # the callback's description

    def body(self, url: str, secret: str) -> dict[str, Any]:
        """The registration request: every event the contract names, to `url`, under `secret`."""
        return {
            self.url_field: url,
            self.events_field: list(self.events),
            self.secret_field: secret,
        }


class NotDescribed(Exception):
    """The contract does not say enough about webhooks to check deliveries; the message says
    what is missing."""


def read_webhook_spec(contract: Contract) -> WebhookSpec:
    register, callback, url_field = _registration(contract)
    request = contract.json_schema(register.request_body)
    fields = contract.properties(request)
    headers = {str(p["name"]): p for p in callback.parameters if str(p.get("in")) == "header"}
    signature = _signature(contract, register, headers)
    payload_schema = contract.json_schema(callback.request_body)
    payload_fields = contract.properties(payload_schema)
    event_header, event_field = _repeated_header(contract, headers, payload_fields)
    events_field, events = _events(contract, fields, headers.get(event_header or ""), url_field)
    secret_field = _secret(fields, signature.header)
    secret_schema = fields[secret_field]
    length = (int(secret_schema.get("minLength", 1)), int(secret_schema.get("maxLength", 256)))
    links = linked_operations(contract, register)
    listing, delivery_header = _listing(contract, links, headers)
    delete = next((link for link in links if link.operation.method == "DELETE"), None)
    validator = OAS30Validator(contract.inline(payload_schema), format_checker=oas30_format_checker)
    return WebhookSpec(
        register=register,
        callback=callback,
        url_field=url_field,
        events_field=events_field,
        events=events,
        secret_field=secret_field,
        secret_length=length,
        signature=signature,
        event_header=event_header,
        event_field=event_field,
        delivery_header=delivery_header,
        headers=headers,
        payload=validator,
        listing=listing,
        delete=delete,
        rule=_words(register.definition.get("description")),
        callback_rule=_words(callback.definition.get("description")),
    )


def _registration(contract: Contract) -> tuple[Operation, Operation, str]:
    """The operation whose callback goes to a URL its request body names, that callback, and
    the body field with the URL."""
    for callback in contract.walk():
        if not callback.callback:
            continue
        expression = callback.pointer[-2]
        match = _URL_FROM_BODY.match(expression)
        register = next(
            (op for op in contract.operations if op.pointer == callback.pointer[:3]), None
        )
        pointer = match.group("pointer") if match else ""
        if register is not None and pointer.count("/") == 1:
            return register, callback, pointer[1:]
    raise NotDescribed("no operation has a callback sent to a URL from its request body")


def _signature(
    contract: Contract, register: Operation, headers: Mapping[str, Mapping[str, Any]]
) -> Signature:
    for name, parameter in headers.items():
        schema = contract.resolve(parameter.get("schema") or {})
        match = _HEX_DIGEST.match(str(schema.get("pattern", "")))
        if match is None:
            continue
        prefix, length = match.group("prefix"), int(match.group("length"))
        digest = prefix.rstrip("=:").lower()
        rule = str(parameter.get("description") or "")
        stated = f"{rule} {register.definition.get('description') or ''}".upper()
        if (
            digest in hashlib.algorithms_available
            and hashlib.new(digest).digest_size * 2 == length
            and "HMAC" in stated
        ):
            return Signature(name, prefix, digest, rule.strip())
    raise NotDescribed("no callback header states an HMAC signature as `<digest>=<hex>`")


def _repeated_header(
    contract: Contract, headers: Mapping[str, Mapping[str, Any]], payload: Mapping[str, Any]
) -> tuple[str | None, str | None]:
    """The header whose schema is the schema of a payload field (the event type)."""
    for name, parameter in headers.items():
        schema = contract.inline(parameter.get("schema") or {})
        if not schema.get("enum"):
            continue
        for field_name, field_schema in payload.items():
            if contract.inline(field_schema) == schema:
                return name, field_name
    return None, None


def _events(
    contract: Contract,
    fields: Mapping[str, Any],
    event_header: Mapping[str, Any] | None,
    url_field: str,
) -> tuple[str, tuple[str, ...]]:
    """The request field listing the events subscribed to, and every event it may list."""
    wanted = contract.inline(event_header.get("schema") or {}) if event_header else None
    for name, schema in fields.items():
        if name == url_field or schema.get("type") != "array":
            continue
        items = contract.inline(schema.get("items") or {})
        if items.get("enum") and (wanted is None or items == wanted):
            return name, tuple(str(event) for event in items["enum"])
    raise NotDescribed("the registration has no field listing the events (an array of an enum)")


def _secret(fields: Mapping[str, Any], signature_header: str) -> str:
    """The request field the signature is keyed with: its description names the signature
    header; failing that, the one write-only string."""
    for name, schema in fields.items():
        if signature_header in str(schema.get("description") or ""):
            return name
    hidden = [n for n, s in fields.items() if s.get("writeOnly") and s.get("type") == "string"]
    if len(hidden) == 1:
        return hidden[0]
    raise NotDescribed(f"no registration field is described as the key of {signature_header}")


def linked_operations(contract: Contract, operation: Operation) -> list[Linked]:
    """The operations the 2xx answers of `operation` link to, with their path parameters
    taken from the answer's body (links that need anything else are left out)."""
    found = []
    for status, _, link in contract.links(operation):
        target = contract.operation(link.get("operationId"))
        parameters: dict[str, str] = {}
        for name, expression in (link.get("parameters") or {}).items():
            match = _LINK_BODY.match(str(expression))
            if match is None:
                break
            parameters[str(name).split(".")[-1]] = match.group("pointer") or ""
        else:
            if status.startswith("2") and target is not None:
                found.append(Linked(target, parameters))
    return found


def _listing(
    contract: Contract, links: list[Linked], headers: Mapping[str, Mapping[str, Any]]
) -> tuple[Listing | None, str | None]:
    """The linked list whose items describe a field as what a callback header sends (the
    delivery id), with that header."""
    for link in links:
        if link.operation.method != "GET":
            continue
        ok = contract.responses(link.operation).get("200")
        for items_field, schema in contract.properties(contract.json_schema(ok)).items():
            if schema.get("type") != "array":
                continue
            item_fields = contract.properties(schema.get("items") or {})
            for field_name, field_schema in item_fields.items():
                described = str(field_schema.get("description") or "")
                for header in headers:
                    if f"`{header}`" in described:
                        return (
                            _listing_of(contract, link, items_field, field_name, item_fields),
                            header,
                        )
    return None, None


def _listing_of(
    contract: Contract, link: Linked, items: str, identity: str, item_fields: Mapping[str, Any]
) -> Listing:
    """Pages of the listing are as large as its paging allows, so few requests see all."""
    paging = contract.paged_list(link.operation)
    limit = paging.limit_bounds[1] if paging is not None else None
    verdicts = all(
        f in item_fields for f in (ATTEMPTS_FIELD, NEXT_ATTEMPT_FIELD, LAST_STATUS_FIELD)
    )
    return Listing(link, items, identity, limit, verdicts)


def _words(text: Any) -> str:
    """A description as one line of prose."""
    return " ".join(str(text or "").split())


def _pointer(document: Any, pointer: str) -> Any:
    node = document
    for token in pointer.split("/")[1:] if pointer else ():
        token = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, Mapping) or token not in node:
            return None
        node = node[token]
    return node
