"""The compiled body check says "valid" exactly when the Python validator does.

The mock accepts a body on the compiled check's word alone (`miso_mock.compiled_schemas`), so a
value it accepts that Connexion's validator would refuse is a hole in request validation. Every
JSON request body of the spec is checked, as Connexion sees it (references resolved), with its
example changed at every field: fixed values chosen for where the two libraries could differ,
and arbitrary JSON values from Hypothesis.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

import miso_contract
import pytest
from connexion.operations import OpenAPIOperation
from connexion.spec import Specification
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from miso_mock import validators
from miso_mock.compiled_schemas import compile_check
from miso_mock.resolver import HandlerResolver
from miso_mock.routes import Routes
from miso_toolkit.paths import BUNDLE

Path = tuple[str | int, ...]

TRICKY: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    1.0,
    1.5,
    100,
    101,
    10**20,
    "",
    "a",
    "my-app",
    "my-app\n",
    "My-App",
    "-app",
    "app-",
    "a b",
    "a\u001cb",
    "\u00a0",
    "١٢٣",
    "x" * 64,
    "x" * 300,
    "0.5",
    "500m",
    "512Mi",
    "nginx:1.25",
    "2024-01-15T10:30:00Z",
    "2024-13-45T99:99:99Z",
    "not a date",
    "https://example.com/hook",
    "not a uri",
    "user@example.com",
    "no-at-sign",
    "\ud800",
    [],
    [1, 1],
    ["a", "a"],
    [1, True],
    {},
    {"unknown": 1},
]

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=80),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


@cache
def body_schemas() -> tuple[tuple[str, Any, Any], ...]:
    """(operation, schema, example) for every JSON request body, the schema taken from
    Connexion's own operation object: what its body validator is given."""
    spec = Specification.load(BUNDLE)
    resolver = HandlerResolver(Routes(miso_contract.bundle()))
    found = []
    for path, item in spec.raw["paths"].items():
        for method, raw in item.items():
            if not isinstance(raw, dict) or "requestBody" not in raw:
                continue
            operation = OpenAPIOperation.from_spec(
                spec, path=path, method=method, resolver=resolver
            )
            for media, content in raw["requestBody"]["content"].items():
                if "json" not in media:
                    continue
                schema = operation.body_schema(media)
                example = content.get("example", schema.get("example"))
                found.append((f"{method.upper()} {path} {media}", schema, example))
    return tuple(found)


def slots(value: Any, path: Path = ()) -> Iterator[Path]:
    """Every place in a JSON value: the value itself and everything inside it."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from slots(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from slots(inner, (*path, index))


def replaced(value: Any, path: Path, new: Any) -> Any:
    if not path:
        return copy.deepcopy(new)
    out = copy.deepcopy(value)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return out


def variants(example: Any) -> Iterator[Any]:
    """The example with each field set to each tricky value, removed, or joined by another."""
    yield example
    for path in list(slots(example)):
        for new in TRICKY:
            yield replaced(example, path, new)
        if path:
            parent = copy.deepcopy(example)
            target = parent
            for step in path[:-1]:
                target = target[step]
            del target[path[-1]]
            yield parent
    for path in list(slots(example)):
        yield replaced(example, path, {"unexpected": "field"})


def has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(char) <= 0xDFFF for char in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_lone_surrogate(inner) for inner in value)
    return False


def python_accepts(schema: Any, value: Any) -> bool:
    return bool(validators.built(validators.RequestSchemaValidator, schema).is_valid(value))


IDS = [name for name, _, _ in body_schemas()]


@pytest.mark.parametrize(("name", "schema", "example"), body_schemas(), ids=IDS)
def test_every_body_schema_compiles_and_its_example_passes(
    name: str, schema: Any, example: Any
) -> None:
    check = compile_check(schema, validators.FORMATS)
    assert check is not None, f"{name}: no compiled check, so every request validates in Python"
    assert example is not None, f"{name}: the spec gives no example"
    assert check(example) and python_accepts(schema, example)


@pytest.mark.parametrize(("name", "schema", "example"), body_schemas(), ids=IDS)
def test_compiled_check_agrees_on_every_tricky_variant(
    name: str, schema: Any, example: Any
) -> None:
    check = compile_check(schema, validators.FORMATS)
    assert check is not None
    disagreements = [
        value for value in variants(example) if check(value) != python_accepts(schema, value)
    ]
    # A lone surrogate cannot cross into Rust: the compiled check says no and Python decides.
    holes = [value for value in disagreements if check(value)]
    assert not holes, f"{name}: accepted, but Connexion refuses: {holes[:3]}"
    assert all(has_lone_surrogate(value) for value in disagreements), disagreements[:3]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compiled_check_agrees_on_arbitrary_values(data: st.DataObject) -> None:
    name, schema, example = data.draw(st.sampled_from(body_schemas()))
    path = data.draw(st.sampled_from(list(slots(example))))
    value = replaced(example, path, data.draw(JSON))
    check = compile_check(schema, validators.FORMATS)
    assert check is not None
    compiled, python = check(value), python_accepts(schema, value)
    assert compiled == python or (not compiled and has_lone_surrogate(value)), (name, value)


def test_a_keyword_it_does_not_reproduce_turns_the_compiled_check_off() -> None:
    assert (
        compile_check({"type": "object", "patternProperties": {"^a": {}}}, validators.FORMATS)
        is None
    )
    assert compile_check({"$ref": "#/definitions/x"}, validators.FORMATS) is None


def test_nullable_lets_null_through_type_and_enum_only() -> None:
    schema = {"type": "string", "enum": ["a"], "nullable": True}
    check = compile_check(schema, validators.FORMATS)
    assert check is not None
    assert check(None) and check("a") and not check("b")
    inner = {"allOf": [{"type": "string"}], "nullable": True}
    assert not compile_check(inner, validators.FORMATS)(None)  # type: ignore[misc]
    assert not python_accepts(inner, None)


@pytest.mark.parametrize(
    ("schema", "values"),
    [
        ({"type": "string", "format": "date-time"}, ["2024-01-15T10:30:00Z", "2024-13-45", "x"]),
        ({"type": "string", "format": "email"}, ["user@example.com", "no-at-sign"]),
        ({"type": "string", "format": "uri"}, ["https://example.com", "not a uri"]),
        ({"type": "string", "pattern": r"^\S+$"}, ["a\u001cb", "a b", "ab"]),
        ({"type": "string", "pattern": "^[a-z]+$"}, ["app\n", "app"]),
        ({"type": "string", "pattern": r"^\d+$"}, ["١٢٣", "123"]),
        ({"type": "string", "pattern": "^a.b$"}, ["a\u2028b", "a-b"]),
        ({"type": "integer", "minimum": 1, "nullable": True}, [None, 0, 1, 1.0, True]),
    ],
)
def test_formats_and_patterns_mean_what_the_python_validator_means(
    schema: dict[str, Any], values: list[Any]
) -> None:
    check = compile_check(schema, validators.FORMATS)
    assert check is not None
    for value in values:
        assert check(value) == python_accepts(schema, value), value
