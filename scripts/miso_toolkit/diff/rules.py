"""The rule catalogue: every kind of change `miso diff` reports, with its level and meaning.

One table, so the level of a rule is decided in one place and the docs page
(`docs/diff-rules.md`) and the tests can be checked against it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.IntEnum):
    """How much a change can hurt existing clients; ordered so `>=` means "at least as bad"."""

    INFO = 1
    POSSIBLY_BREAKING = 2
    BREAKING = 3

    @property
    def label(self) -> str:
        """The spelling used on the command line and in every report."""
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, label: str) -> Level:
        """Read a level back from its label (`possibly-breaking`), as `--fail-on` spells it."""
        return cls[label.upper().replace("-", "_")]


@dataclass(frozen=True)
class Rule:
    """One kind of change: a stable id (used by the allowlist), its level and why it matters."""

    id: str
    level: Level
    explanation: str


_B, _PB, _INFO = Level.BREAKING, Level.POSSIBLY_BREAKING, Level.INFO

_CATALOGUE: tuple[Rule, ...] = (
    # Paths and operations.
    Rule("path-removed", _B, "a path was removed while clients may still call its operations"),
    Rule("operation-removed", _B, "an operation was removed without deprecation and a past sunset"),
    Rule(
        "deprecated-operation-removed", _INFO, "a deprecated operation was removed after its sunset"
    ),
    Rule("operation-added", _INFO, "a new operation is available"),
    Rule("operation-deprecated", _INFO, "an operation was marked deprecated"),
    Rule("operation-id-changed", _B, "the operationId, which names the SDK function, was renamed"),
    Rule("operation-id-removed", _B, "the operationId, which names the SDK function, was removed"),
    Rule("security-added", _B, "the operation now requires credentials old requests lack"),
    Rule("security-scope-added", _B, "the operation now requires scopes old tokens may lack"),
    Rule("security-removed", _INFO, "the operation accepts requests with fewer credentials"),
    # Parameters.
    Rule("new-required-parameter", _B, "a required parameter was added; old requests lack it"),
    Rule("new-optional-parameter", _INFO, "an optional parameter was added"),
    Rule("parameter-became-required", _B, "an optional parameter became required"),
    Rule("parameter-became-optional", _INFO, "a required parameter became optional"),
    Rule("parameter-removed", _PB, "a parameter clients send is no longer declared"),
    Rule(
        "request-parameter-default-changed",
        _B,
        "a parameter's default was added, removed or changed; clients that omit it get another",
    ),
    # Request bodies.
    Rule("new-required-request-body", _B, "a required request body was added"),
    Rule("new-optional-request-body", _INFO, "an optional request body was added"),
    Rule("request-body-became-required", _B, "the request body became required"),
    Rule("request-body-removed", _B, "the request body clients send is no longer accepted"),
    Rule(
        "request-media-type-removed", _B, "a request media type clients send is no longer accepted"
    ),
    Rule("request-media-type-added", _INFO, "the request body accepts a new media type"),
    # Request schemas (parameters and bodies).
    Rule("new-required-request-property", _B, "a required property was added to a request"),
    Rule("new-optional-request-property", _INFO, "an optional property was added to a request"),
    Rule("request-property-became-required", _B, "an optional request property became required"),
    Rule("request-property-removed", _PB, "a request property clients send is no longer declared"),
    Rule("request-type-changed", _B, "a request value's type changed; old values no longer fit"),
    Rule("request-format-changed", _B, "a request value's format changed; old values may not fit"),
    Rule("request-enum-value-removed", _B, "a request enum no longer accepts a value clients send"),
    Rule("request-enum-value-added", _INFO, "a request enum accepts a new value"),
    Rule("request-max-length-decreased", _B, "a request string's maxLength was lowered or set"),
    Rule("request-min-length-increased", _B, "a request string's minLength was raised"),
    Rule("request-maximum-decreased", _B, "a request number's maximum was lowered or set"),
    Rule("request-minimum-increased", _B, "a request number's minimum was raised or set"),
    Rule("request-max-items-decreased", _B, "a request array's maxItems was lowered or set"),
    Rule("request-min-items-increased", _B, "a request array's minItems was raised"),
    Rule("request-pattern-added", _B, "a request string must now match a pattern"),
    Rule("request-pattern-changed", _PB, "a request string's pattern changed"),
    Rule("request-became-not-nullable", _B, "a request value no longer accepts null"),
    Rule("request-schema-option-removed", _B, "a oneOf/anyOf alternative clients send was removed"),
    Rule(
        "request-wrapped-in-one-of",
        _B,
        "a request schema became a oneOf; a value matching two alternatives is refused",
    ),
    Rule(
        "request-constraint-added",
        _B,
        "a JSON Schema keyword that narrows accepted values was added or changed",
    ),
    # Responses.
    Rule("response-success-status-removed", _B, "a success status clients handle was removed"),
    Rule("response-status-removed", _INFO, "a non-success response status was removed"),
    Rule("response-status-added", _INFO, "a new response status is documented"),
    Rule("response-media-type-removed", _B, "a response media type clients accept was removed"),
    Rule("response-media-type-added", _INFO, "a response may use a new media type"),
    Rule("response-required-header-removed", _B, "a header the response promised may be missing"),
    # Response schemas.
    Rule("response-required-property-removed", _B, "a property clients rely on is gone"),
    Rule("response-property-became-optional", _B, "a property clients rely on may be missing"),
    Rule("response-property-became-nullable", _B, "a response value may now be null"),
    Rule("response-optional-property-removed", _PB, "an optional response property is gone"),
    Rule("response-property-added", _INFO, "a response has a new property"),
    Rule("response-type-changed", _B, "a response value's type changed; old clients misread it"),
    Rule("response-format-changed", _B, "a response value's format changed; old parsers may fail"),
    Rule("response-enum-value-added", _PB, "a response enum may hold a value old clients lack"),
    Rule("response-enum-value-removed", _INFO, "a response enum no longer holds a value"),
    Rule("response-constraint-relaxed", _PB, "a response value may fall outside the old bounds"),
    Rule("response-schema-option-added", _B, "a response oneOf/anyOf has an alternative SDKs lack"),
    Rule(
        "response-wrapped-in-one-of",
        _B,
        "a response schema became a oneOf; clients may get a shape they were not written for",
    ),
    Rule(
        "response-constraint-removed",
        _PB,
        "a JSON Schema keyword that narrowed response values was removed or changed",
    ),
    # Webhooks (OpenAPI 3.1).
    Rule("webhook-removed", _B, "a webhook receivers rely on is no longer sent"),
    Rule("webhook-added", _INFO, "a new webhook is described"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _CATALOGUE}
