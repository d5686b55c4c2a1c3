"""A compiled (Rust) JSON Schema check that says quickly when a request body is valid.

The pure-Python jsonschema validator costs about 160 µs for the spec's `ApplicationCreate`
example, a quarter of a create request; `jsonschema_rs` answers the same question in 2 µs. It is
used only to accept: when it says "valid" the body is valid, when it says anything else (or
cannot read the value) the Python validator runs and writes the error, so every message stays
exactly as it was.

For "valid" to mean the same in both, the schema is rewritten before it is compiled:
- Connexion lets `null` through `type` and `enum` where a schema says `nullable` (or
  `x-nullable`): the rewrite adds `"null"` there;
- `pattern` is an ECMA-262 expression matched by `miso_mock.patterns`, and `format` is checked by
  the same jsonschema `FORMAT_CHECKER` the Python validator uses: both become custom formats that
  call back into that very code, so neither library's own reading of them is used.
A schema with a keyword outside `KEYWORDS` (or a `$ref`) gets no compiled check at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jsonschema_rs
from jsonschema import FormatChecker

from miso_mock.patterns import compiled

Check = Callable[[Any], bool]

# Keywords whose Draft 4 meaning both libraries implement alike (or that neither validates).
_SUBSCHEMA = {"items", "additionalProperties", "not"}
_SUBSCHEMA_MAP = {"properties"}
_SUBSCHEMA_LIST = {"allOf", "anyOf", "oneOf"}
_ASSERTIONS = {
    "type",
    "enum",
    "required",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
}
_REWRITTEN = {"pattern", "format", "nullable", "x-nullable"}
_ANNOTATIONS = {
    "title",
    "description",
    "example",
    "examples",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
    "discriminator",
    "externalDocs",
    "xml",
    # Connexion puts the spec's `components` beside every body schema, for `$ref`s to resolve
    # against; a schema that still has a `$ref` gets no compiled check, so they go unused.
    "components",
}
KEYWORDS = _SUBSCHEMA | _SUBSCHEMA_MAP | _SUBSCHEMA_LIST | _ASSERTIONS | _REWRITTEN | _ANNOTATIONS

_PATTERN_PREFIX = "miso-pattern:"
_FORMAT_PREFIX = "miso-format:"


class _Unsupported(Exception):
    """The schema uses something the compiled check does not reproduce."""


def _rewrite(schema: Any, formats: dict[str, Callable[[str], bool]], checker: FormatChecker) -> Any:
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, Mapping):
        raise _Unsupported(repr(schema))
    out: dict[str, Any] = {}
    extra: list[dict[str, Any]] = []
    for key, value in schema.items():
        if key.startswith("x-") and key != "x-nullable":
            continue
        if key not in KEYWORDS:
            raise _Unsupported(key)
        if key in _SUBSCHEMA:
            out[key] = _rewrite(value, formats, checker)
        elif key in _SUBSCHEMA_MAP:
            out[key] = {name: _rewrite(sub, formats, checker) for name, sub in value.items()}
        elif key in _SUBSCHEMA_LIST:
            out[key] = [_rewrite(sub, formats, checker) for sub in value]
        elif key == "pattern":
            name = _PATTERN_PREFIX + value
            regex = compiled(value)
            formats[name] = lambda text, regex=regex: regex.search(text) is not None
            extra.append({"format": name})
        elif key == "format":
            name = _FORMAT_PREFIX + value
            formats[name] = lambda text, fmt=value: checker.conforms(text, fmt)
            extra.append({"format": name})
        elif key in _ASSERTIONS:
            out[key] = value
    if schema.get("x-nullable") is True or schema.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif isinstance(out.get("type"), list) and "null" not in out["type"]:
            out["type"] = [*out["type"], "null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    if extra:
        out["allOf"] = [*out.get("allOf", []), *extra]
    return out


def compile_check(schema: Any, checker: FormatChecker) -> Check | None:
    """A function that answers True only for values the Python request validator accepts
    (and False for every other value, or one it cannot read); None if the schema is
    outside what it reproduces."""
    formats: dict[str, Callable[[str], bool]] = {}
    try:
        rewritten = _rewrite(schema, formats, checker)
    except _Unsupported:
        return None
    validator = jsonschema_rs.Draft4Validator(
        rewritten, formats=formats, validate_formats=True, ignore_unknown_formats=False
    )

    def check(value: Any) -> bool:
        try:
            return bool(validator.is_valid(value))
        except Exception:  # a value Rust cannot hold (a lone surrogate, a huge int): ask Python
            return False

    return check
