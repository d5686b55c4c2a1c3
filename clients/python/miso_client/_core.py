"""Plumbing the sync and async namespaces share: argument conversion and answer unwrapping.

The generated functions want models, enums and `UNSET`; callers may pass dicts, strings and
None. Answers come back as `Response[Model | ErrorResponse]`; callers get the model or an
exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, Protocol, TypeVar

from miso_api_client.models.error_response import ErrorResponse
from miso_api_client.types import UNSET, Response, Unset

from ._errors import error_from_response

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
E = TypeVar("E", bound=Enum)


class _FromDict(Protocol[T_co]):
    def from_dict(self, src_dict: Mapping[str, Any], /) -> T_co: ...


def body(model: type[T], value: T | Mapping[str, Any]) -> T:
    """A request body as the generated model, built from a dict when given one."""
    if isinstance(value, model):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a {model.__name__} or a mapping, got {type(value).__name__}")
    factory: _FromDict[T] = model  # type: ignore[assignment]
    try:
        built = factory.from_dict(value)
    except KeyError as exc:
        raise ValueError(f"{model.__name__} body is missing required field {exc}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"invalid {model.__name__} body: {exc}") from exc
    # Models of closed schemas (`additionalProperties: false`) drop keys they do not know:
    # say so rather than send a body other than the one the caller wrote.
    dropped = _dropped_keys(value, built.to_dict(), "")  # type: ignore[attr-defined]
    if dropped:
        raise ValueError(f"{model.__name__} body has unknown field(s): {', '.join(dropped)}")
    return built


def _dropped_keys(given: object, kept: object, path: str) -> list[str]:
    """Keys of `given` (recursively) that are missing from `kept`."""
    if isinstance(given, Mapping) and isinstance(kept, Mapping):
        missing: list[str] = []
        for key, item in given.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in kept:
                missing.append(where)
            else:
                missing.extend(_dropped_keys(item, kept[key], where))
        return missing
    if isinstance(given, list) and isinstance(kept, list):
        return [
            key
            for index, (a, b) in enumerate(zip(given, kept, strict=False))
            for key in _dropped_keys(a, b, f"{path}[{index}]")
        ]
    return []


def opt(value: T | None) -> T | Unset:
    """None (the caller's "not given") as `UNSET`, so the server's default applies."""
    return UNSET if value is None else value


def enum(kind: type[E], value: E | str | None) -> E | Unset:
    """An optional enum parameter from its member or its string value."""
    return UNSET if value is None else kind(value)


def unwrap(response: Response[T | ErrorResponse]) -> T:
    """The parsed success model, or the error the answer carries raised as an exception."""
    parsed = response.parsed
    ok = 200 <= response.status_code < 300
    if ok and parsed is not None and not isinstance(parsed, ErrorResponse):
        return parsed
    raise error_from_response(response.status_code, response.headers, response.content)
