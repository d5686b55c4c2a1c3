"""Reading a document into a `Contract`, strictly (our own spec) or leniently (anyone's).

Strict loading refuses a document with any problem; lenient loading keeps what can be read and
reports the rest as problems, each with its file and JSON pointer, so `miso diff` can compare
documents people actually have. Either way only a document that is not a YAML/JSON mapping at
all is refused outright.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

from ._location import bundle_path
from ._model import Contract
from ._pointer import DocPath, to_pointer
from ._problem import ContractError, Problem
from ._source import Source, SourceError, read_yaml

_MAX_MESSAGE = 240
# Where a validator error can sit; one deeper inside a schema's own keywords is reported at the
# root with its inner path in words (the document path would point at nothing useful).
_TOP_LEVEL = {"openapi", "info", "servers", "paths", "components", "security", "tags", "webhooks"}


def load(path: Path, *, strict: bool = True, base: Path | None = None) -> Contract:
    """Read a (possibly split) document from `path`.

    `base` is the folder file names in problems are shown relative to.
    """
    try:
        source = Source.load(path, base=base)
    except SourceError as exc:
        raise ContractError([Problem(str(path), "", str(exc))]) from exc
    problems = [*source.problems, *validation_problems(source.document, source)]
    if strict and problems:
        raise ContractError(sorted(set(problems)))
    return Contract(
        source.document,
        label=source.display(source.root),
        problems=tuple(sorted(set(problems))),
        origins=source,
    )


def from_document(
    document: Mapping[str, Any], *, label: str = "<document>", strict: bool = False
) -> Contract:
    """A contract over a document already in memory (the spec an instance serves, say)."""
    problems = validation_problems(document, None, label=label)
    if strict and problems:
        raise ContractError(problems)
    return Contract(document, label=label, problems=tuple(problems))


@functools.cache
def bundle() -> Contract:
    """Our checked-in bundle, read once per process.

    It is not validated again here: `miso bundle` writes only a valid document and `miso lint`
    (and its test) fail when the checked-in one is invalid or stale; tools start faster.
    """
    path = bundle_path()
    document = read_yaml(path)
    if not isinstance(document, dict):
        raise ContractError([Problem(str(path), "", "not a mapping")])
    return Contract(document, label=str(path))


def _message(error: Any) -> str:
    """jsonschema messages can dump the whole instance; keep the gist."""
    text = str(error.message)
    if text.startswith(("{", "[")):
        text = f"not valid against the OpenAPI schema ({error.validator})"
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def validation_errors(document: Mapping[str, Any]) -> list[tuple[DocPath, str]]:
    """(document path, message) of each OpenAPI 3.0/3.1 error, by the document's version."""
    version = str(document.get("openapi", ""))
    validator_type = (
        OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    )
    errors: list[tuple[DocPath, str]] = []
    try:
        for error in validator_type(document).iter_errors():  # type: ignore[arg-type]
            path = tuple(str(key) for key in error.path)
            if path[:1] and path[0] not in _TOP_LEVEL:
                errors.append(((), f"{_message(error)} (at {'/'.join(path)} inside a schema)"))
            else:
                errors.append((path, _message(error)))
    except Exception as exc:  # the validator trips over some malformed shapes: say so, go on
        errors.append(((), f"cannot be validated: {type(exc).__name__}: {exc}"))
    return errors


def validation_problems(
    document: Mapping[str, Any], source: Source | None, *, label: str = "<document>"
) -> list[Problem]:
    if source is not None:
        return [source.problem(path, message) for path, message in validation_errors(document)]
    errors = validation_errors(document)
    return [Problem(label, to_pointer(path), message) for path, message in errors]
