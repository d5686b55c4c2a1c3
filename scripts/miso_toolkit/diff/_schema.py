"""Comparing two schemas in one direction: what the client sends, or what it receives.

A request schema breaks clients when it stops accepting a value it used to accept; a response
schema breaks them when it can produce a value it could not produce before. Every check below
is written once and read in the direction it is compared in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from miso_contract import Contract

from ._change import Collector, pointer
from ._refs import Node, resolve

Direction = Literal["request", "response"]

# format -> the wider format that accepts every value of it
_WIDER_FORMAT = {"int32": "int64", "float": "double"}

# keyword, whether it bounds from above, the exclusive keyword that sharpens it, its default
_BOUNDS: tuple[tuple[str, bool, str | None, float | None], ...] = (
    ("maxLength", True, None, None),
    ("minLength", False, None, 0),
    ("maximum", True, "exclusiveMaximum", None),
    ("minimum", False, "exclusiveMinimum", None),
    ("maxItems", True, None, None),
    ("minItems", False, None, 0),
)
_REQUEST_BOUND_RULES = {
    "maxLength": "request-max-length-decreased",
    "minLength": "request-min-length-increased",
    "maximum": "request-maximum-decreased",
    "minimum": "request-minimum-increased",
    "maxItems": "request-max-items-decreased",
    "minItems": "request-min-items-increased",
}
# JSON Schema keywords that only ever narrow what a value may be; compared as a whole.
_NARROWING = (
    "not",
    "if",
    "then",
    "else",
    "contains",
    "minContains",
    "maxContains",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "patternProperties",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
    "contentMediaType",
    "contentEncoding",
    "multipleOf",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)
# Keys that say nothing about which values are valid: a `$ref` beside only these is the target.
_ANNOTATIONS = frozenset(
    {"description", "summary", "title", "example", "examples", "deprecated", "$comment"}
)


@dataclass(frozen=True)
class SchemaDiff:
    """Both documents (to follow refs in), the direction, and where changes go."""

    base_doc: Contract
    head_doc: Contract
    direction: Direction
    out: Collector
    component: str | None = None  # the innermost `$ref` followed, named in every message

    @property
    def request(self) -> bool:
        return self.direction == "request"

    def add(self, rule: str, at: str, message: str) -> None:
        """Report a change, naming the component to edit when it came through a `$ref`."""
        self.out.add(rule, at, f"{message}, in {self.component}" if self.component else message)

    def compare(self, base: Any, head: Any, at: str) -> None:
        """Compare two schemas found at the same logical place `at`."""
        _compare(self, base, head, at, frozenset())


def _compare(
    ctx: SchemaDiff, base_raw: Any, head_raw: Any, at: str, seen: frozenset[tuple[str | None, ...]]
) -> None:
    base, base_ref = _resolve(ctx.base_doc, base_raw)
    head, head_ref = _resolve(ctx.head_doc, head_raw)
    if base_ref or head_ref:
        key = (base_ref, head_ref)
        if key in seen:  # a recursive schema: this pair is already being compared above us
            return
        seen = seen | {key}
        ctx = replace(ctx, component=head_ref or base_ref)
    base = _flatten(ctx.base_doc, base, set())
    head = _flatten(ctx.head_doc, head, set())

    if _wrapped_in_one_of(ctx, base, head, at):
        return  # the alternatives are new: comparing them with the old schema says no more
    if not _compare_type(ctx, base, head, at):
        return  # a different type makes every finer difference noise
    _compare_format(ctx, base, head, at)
    _compare_nullable(ctx, base, head, at)
    _compare_enum(ctx, base, head, at)
    _compare_bounds(ctx, base, head, at)
    _compare_pattern(ctx, base, head, at)
    _compare_narrowing(ctx, base, head, at)
    _compare_properties(ctx, base, head, at, seen)
    if "items" in base and "items" in head:
        _compare(ctx, base["items"], head["items"], at + "/items", seen)
    _compare_prefix_items(ctx, base, head, at, seen)
    base_extra, head_extra = base.get("additionalProperties"), head.get("additionalProperties")
    if isinstance(base_extra, Mapping) and isinstance(head_extra, Mapping):
        _compare(ctx, base_extra, head_extra, at + "/additionalProperties", seen)
    for keyword in ("oneOf", "anyOf"):
        _compare_options(ctx, base, head, at, keyword, seen)


def _resolve(doc: Contract, raw: Any) -> tuple[Node, str | None]:
    """Follow refs; a 3.1 `$ref` with constraints beside it means both, as an `allOf` would."""
    if isinstance(raw, Mapping) and isinstance(raw.get("$ref"), str):
        siblings = {k: v for k, v in raw.items() if k != "$ref" and k not in _ANNOTATIONS}
        if siblings:
            target, ref = resolve(doc, {"$ref": raw["$ref"]})
            members = siblings.get("allOf")
            extra = members if isinstance(members, list) else []
            return {**siblings, "allOf": [target, *extra]}, ref
    return resolve(doc, raw)


def _wrapped_in_one_of(ctx: SchemaDiff, base: Node, head: Node, at: str) -> bool:
    """A schema became a `oneOf` of alternatives (the old shape among them, say).

    For a request, a value that matches two alternatives is now refused; for a response, the
    client may receive a shape it was never written for.
    """
    options = head.get("oneOf")
    if not isinstance(options, list) or len(options) < 2 or "oneOf" in base:
        return False
    if _type_of(head) is not None or _type_of(base) is None:
        return False  # the oneOf only refines a declared type, or the old schema was "any"
    ctx.add(
        f"{ctx.direction}-wrapped-in-one-of",
        at + "/oneOf",
        f"now one of {len(head['oneOf'])} alternatives (was a single {_type_of(base)} schema)",
    )
    return True


def _compare_pattern(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    """A request pattern added refuses strings it used to accept; a changed one may."""
    old, new = base.get("pattern"), head.get("pattern")
    if not ctx.request or not new or new == old:
        return
    if old:
        msg = f"pattern changed from {old!r} to {new!r}"
        ctx.add("request-pattern-changed", at + "/pattern", msg)
    else:
        ctx.add("request-pattern-added", at + "/pattern", f"pattern {new!r} added")


def _compare_narrowing(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    """Keywords that only restrict values: new in a request, or gone from a response."""
    for keyword in _NARROWING:
        old, new = base.get(keyword), head.get(keyword)
        if (old is None and new is None) or _key(old) == _key(new):
            continue
        if ctx.request and new is not None:
            verb = "added" if old is None else "changed"
            ctx.add("request-constraint-added", at + "/" + keyword, f"{keyword} {verb}")
        elif not ctx.request and old is not None:
            verb = "removed" if new is None else "changed"
            ctx.add("response-constraint-removed", at + "/" + keyword, f"{keyword} {verb}")


def _compare_prefix_items(
    ctx: SchemaDiff, base: Node, head: Node, at: str, seen: frozenset[tuple[str | None, ...]]
) -> None:
    """3.1 tuples: positions compare one by one; positions added or removed narrow or widen."""
    old, new = base.get("prefixItems"), head.get("prefixItems")
    old_list = old if isinstance(old, list) else []
    new_list = new if isinstance(new, list) else []
    for index in range(min(len(old_list), len(new_list))):
        _compare(ctx, old_list[index], new_list[index], at + pointer("prefixItems", index), seen)
    if len(old_list) == len(new_list):
        return
    msg = f"prefixItems went from {len(old_list)} to {len(new_list)} positions"
    if ctx.request:
        ctx.add("request-constraint-added", at + "/prefixItems", msg)
    else:
        ctx.add("response-constraint-removed", at + "/prefixItems", msg)


def _flatten(doc: Contract, schema: Node, visiting: set[str]) -> Node:
    """Merge `allOf` members into one schema, so composition and inlining compare equal."""
    members = schema.get("allOf")
    if not isinstance(members, list):
        return schema
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    properties: dict[str, Any] = dict(merged.get("properties") or {})
    required: list[str] = list(merged.get("required") or [])
    for member_raw in members:
        member, ref = _resolve(doc, member_raw)
        if ref in visiting:
            continue
        member = _flatten(doc, member, visiting | ({ref} if ref else set()))
        for name, prop in (member.get("properties") or {}).items():
            properties.setdefault(name, prop)
        required += [name for name in member.get("required") or [] if name not in required]
        for key, value in member.items():
            if key not in ("properties", "required"):
                merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _types(schema: Node) -> frozenset[str] | None:
    """The types a schema admits apart from null (None: any), 3.0 and 3.1 spellings alike.

    3.1 writes `type: [string, "null"]`; 3.0 writes `type: string` and `nullable: true`. A
    `const` or `enum` without a type admits the types of its values. When a spec leaves the type
    out, `properties` means an object and `items` an array.
    """
    declared = schema.get("type")
    if isinstance(declared, str):
        return frozenset({declared}) - {"null"}  # empty: null is the only value
    if isinstance(declared, list) and declared:
        return frozenset(str(t) for t in declared) - {"null"}
    if "properties" in schema:
        return frozenset({"object"})
    if "items" in schema or "prefixItems" in schema:
        return frozenset({"array"})
    return None


def _type_of(schema: Node) -> str | None:
    """The admitted types in words, for messages (None: any)."""
    types = _types(schema)
    return None if types is None else "/".join(sorted(types)) or "null"


def _nullable(schema: Node) -> bool:
    declared = schema.get("type")
    return (
        schema.get("nullable") is True
        or declared == "null"
        or (isinstance(declared, list) and "null" in declared)
    )


def _type_accepts(wide: frozenset[str] | None, narrow: frozenset[str] | None) -> bool:
    """True when every value of the types `narrow` is also a valid `wide` (None means any)."""
    if wide is None:
        return True
    if narrow is None:
        return False
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _compare_type(ctx: SchemaDiff, base: Node, head: Node, at: str) -> bool:
    """Report an incompatible type; return False if one was reported."""
    old, new = _types(base), _types(head)
    ok = _type_accepts(new, old) if ctx.request else _type_accepts(old, new)
    if not ok:
        ctx.add(
            f"{ctx.direction}-type-changed",
            at + "/type",
            f"type changed from {_type_of(base) or 'any'} to {_type_of(head) or 'any'}",
        )
    return ok


def _format_accepts(wide: str | None, narrow: str | None) -> bool:
    return (
        wide is None or wide == narrow or (narrow is not None and _WIDER_FORMAT.get(narrow) == wide)
    )


def _compare_format(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    old, new = base.get("format"), head.get("format")
    ok = _format_accepts(new, old) if ctx.request else _format_accepts(old, new)
    if not ok:
        ctx.add(
            f"{ctx.direction}-format-changed",
            at + "/format",
            f"format changed from {old or 'none'} to {new or 'none'}",
        )


def _compare_nullable(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    old, new = _nullable(base), _nullable(head)
    # 3.0 says it with `nullable`, 3.1 with a "null" type: point at the keyword the head uses.
    where = at + ("/nullable" if "nullable" in head or "nullable" in base else "/type")
    if ctx.request and old and not new:
        ctx.add("request-became-not-nullable", where, "null is no longer accepted")
    if not ctx.request and new and not old:
        ctx.add("response-property-became-nullable", where, "may now be null")


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _listing(values: list[Any]) -> str:
    return ", ".join(json.dumps(v, default=str) for v in values)


def _values(schema: Node, request: bool) -> list[Any] | None:
    """The values a schema is limited to: `enum`, or a 3.1 `const` (an enum of one).

    In a request an `x-extensible-enum` limits too: the server may refuse a value it dropped.
    """
    if "const" in schema:
        return [schema["const"]]
    declared = schema.get("enum")
    if isinstance(declared, list):
        return declared
    extensible = schema.get("x-extensible-enum")
    return extensible if request and isinstance(extensible, list) else None


def _compare_enum(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    old, new = _values(base, ctx.request), _values(head, ctx.request)
    if not isinstance(old, list) and not isinstance(new, list):
        return
    if ctx.request:
        if not isinstance(new, list):
            return  # no longer limited: every old value still accepted
        if not isinstance(old, list):
            msg = f"now limited to the values {_listing(new)}"
            ctx.add("request-enum-value-removed", at + "/enum", msg)
            return
    elif not isinstance(old, list):
        return  # newly limited: old clients see a subset of what they handled
    elif not isinstance(new, list):
        msg = "no longer limited to the values " + _listing(old)
        ctx.add("response-enum-value-added", at + "/enum", msg)
        return
    new_keys, old_keys = {_key(v) for v in new}, {_key(v) for v in old}
    removed = [v for v in old if _key(v) not in new_keys]
    added = [v for v in new if _key(v) not in old_keys]
    if removed:
        ctx.add(f"{ctx.direction}-enum-value-removed", at + "/enum", f"{_listing(removed)} removed")
    if added:
        ctx.add(f"{ctx.direction}-enum-value-added", at + "/enum", f"{_listing(added)} added")


def _tighter(
    upper: bool, new: tuple[Any, bool], old: tuple[Any, bool], default: float | None
) -> bool:
    """Whether bound `new` (value, exclusive) admits fewer values than bound `old`."""
    new_value, new_excl = new
    old_value, old_excl = old
    if new_value is None:
        return False
    if old_value is None:
        return default is None or new_value > default
    if new_value == old_value:
        return new_excl and not old_excl
    return new_value < old_value if upper else new_value > old_value


def _bound(schema: Node, keyword: str, exclusive: str | None, upper: bool) -> tuple[Any, bool]:
    """(value, exclusive) of one bound: 3.0 sharpens `maximum` with `exclusiveMaximum: true`,
    3.1 gives `exclusiveMaximum` its own number; when both are set the tighter one holds."""
    value = schema.get(keyword)
    value = value if _is_number(value) else None
    flag = schema.get(exclusive) if exclusive else None
    if isinstance(flag, bool):
        return value, flag and value is not None
    if not _is_number(flag):
        return value, False
    if value is None or (flag <= value if upper else flag >= value):
        return flag, True
    return value, False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _describe(bound: tuple[Any, bool]) -> str:
    value, exclusive = bound
    if value is None:
        return "unbounded"
    return f"{value} (exclusive)" if exclusive else str(value)


def _compare_bounds(ctx: SchemaDiff, base: Node, head: Node, at: str) -> None:
    for keyword, upper, exclusive, default in _BOUNDS:
        old = _bound(base, keyword, exclusive, upper)
        new = _bound(head, keyword, exclusive, upper)
        if ctx.request and _tighter(upper, new, old, default):
            ctx.add(
                _REQUEST_BOUND_RULES[keyword],
                at + "/" + keyword,
                f"{keyword} changed from {_describe(old)} to {_describe(new)}",
            )
        elif not ctx.request and _tighter(upper, old, new, default):
            ctx.add(
                "response-constraint-relaxed",
                at + "/" + keyword,
                f"{keyword} relaxed from {_describe(old)} to {_describe(new)}",
            )


def _flag(doc: Contract, schema: Any, name: str) -> bool:
    return resolve(doc, schema)[0].get(name) is True


def _compare_properties(
    ctx: SchemaDiff, base: Node, head: Node, at: str, seen: frozenset[tuple[str | None, ...]]
) -> None:
    old_props: Mapping[str, Any] = base.get("properties") or {}
    new_props: Mapping[str, Any] = head.get("properties") or {}
    old_req, new_req = set(base.get("required") or []), set(head.get("required") or [])
    # A readOnly property never appears in a request, a writeOnly one never in a response.
    hidden = "readOnly" if ctx.request else "writeOnly"
    for name in sorted(set(old_props) | set(new_props)):
        prop_at = at + pointer("properties", name)
        if name not in old_props:
            if _flag(ctx.head_doc, new_props[name], hidden):
                continue
            if not ctx.request:
                ctx.add("response-property-added", prop_at, f"property {name!r} added")
            elif name in new_req:
                ctx.add("new-required-request-property", prop_at, f"{name!r} added, required")
            else:
                ctx.add("new-optional-request-property", prop_at, f"{name!r} added, optional")
        elif name not in new_props:
            if _flag(ctx.base_doc, old_props[name], hidden):
                continue
            if ctx.request:
                ctx.add("request-property-removed", prop_at, f"property {name!r} removed")
            elif name in old_req:
                msg = f"required property {name!r} removed"
                ctx.add("response-required-property-removed", prop_at, msg)
            else:
                msg = f"optional property {name!r} removed"
                ctx.add("response-optional-property-removed", prop_at, msg)
        else:
            if not _flag(ctx.head_doc, new_props[name], hidden):
                if ctx.request and name in new_req - old_req:
                    msg = f"property {name!r} became required"
                    ctx.add("request-property-became-required", prop_at, msg)
                if not ctx.request and name in old_req - new_req:
                    msg = f"property {name!r} is no longer required"
                    ctx.add("response-property-became-optional", prop_at, msg)
            _compare(ctx, old_props[name], new_props[name], prop_at, seen)


def _option_key(option: Any, index: int) -> str:
    """Match alternatives by the component they reference, else by position."""
    if isinstance(option, Mapping) and isinstance(option.get("$ref"), str):
        return option["$ref"]
    return f"#{index}"


def _compare_options(
    ctx: SchemaDiff,
    base: Node,
    head: Node,
    at: str,
    keyword: str,
    seen: frozenset[tuple[str | None, ...]],
) -> None:
    old_list, new_list = base.get(keyword), head.get(keyword)
    other = "anyOf" if keyword == "oneOf" else "oneOf"
    if old_list is None and other not in head:
        old_list = base.get(other)  # oneOf became anyOf or back: the alternatives still compare
    if not isinstance(old_list, list) or not isinstance(new_list, list):
        return
    old = {_option_key(o, i): o for i, o in enumerate(old_list)}
    new = {_option_key(o, i): (i, o) for i, o in enumerate(new_list)}
    for key, option in old.items():
        if key not in new:
            if ctx.request:
                msg = f"{keyword} alternative {key} removed"
                ctx.add("request-schema-option-removed", at + "/" + keyword, msg)
            continue
        index, new_option = new[key]
        _compare(ctx, option, new_option, at + pointer(keyword, index), seen)
    if not ctx.request:
        for key in sorted(new.keys() - old.keys()):
            msg = f"{keyword} alternative {key} added"
            ctx.add("response-schema-option-added", at + "/" + keyword, msg)
