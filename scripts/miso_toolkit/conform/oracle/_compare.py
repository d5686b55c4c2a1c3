"""Compare one step as the instance and the oracle answered it: the status code, the headers
the spec describes for that answer, and the fingerprints of the bodies (`_normalise.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from miso_contract import Contract, Operation

from ._normalise import Normaliser, learn_ids
from ._sides import Exchange


@dataclass(frozen=True)
class Difference:
    """One way the instance's behaviour differs from the oracle's at one step."""

    where: str  # "status", "header X-Request-ID", "body /configuration/image", ...
    instance: Any
    oracle: Any


def diff(instance: Any, oracle: Any, where: str = "") -> Iterator[Difference]:
    """Where two fingerprints differ; what only the instance has is not judged here (the
    schema checks judge extra fields; pre-existing data is the instance's own)."""
    if isinstance(oracle, dict) and isinstance(instance, dict):
        for key, expected in oracle.items():
            if key not in instance:
                yield Difference(f"{where}/{key}", "(missing)", expected)
            else:
                yield from diff(instance[key], expected, f"{where}/{key}")
    elif isinstance(oracle, list) and isinstance(instance, list):
        if len(oracle) != len(instance):
            yield Difference(where or "/", f"{len(instance)} items", f"{len(oracle)} items")
        for index, (left, right) in enumerate(zip(instance, oracle, strict=False)):
            yield from diff(left, right, f"{where}/{index}")
    elif instance != oracle:
        yield Difference(where or "/", instance, oracle)


def described_headers(contract: Contract, operation: Operation, status: int) -> list[str]:
    response = contract.responses(operation).get(str(status)) or {}
    headers = response.get("headers") if isinstance(response, dict) else None
    return [str(name) for name in headers or {}]


def compare(
    contract: Contract,
    operation: Operation,
    normaliser: Normaliser,
    instance: Exchange,
    oracle: Exchange,
    *,
    schema: Any = None,
) -> list[Difference]:
    """Every difference in behaviour at one step (learning the ids the two answers pair)."""
    if instance.status != oracle.status:
        return [Difference("status", instance.status, oracle.status)]
    found = [
        Difference(f"header {name}", "(missing)", "(present)")
        for name in described_headers(contract, operation, oracle.status)
        if oracle.header(name) is not None and instance.header(name) is None
    ]
    if instance.media_type != oracle.media_type:
        found.append(Difference("content type", instance.media_type, oracle.media_type))
        return found
    mine, theirs = instance.json(), oracle.json()
    if mine is None or theirs is None:
        return found
    if schema is None:
        schema = contract.json_schema(contract.responses(operation).get(str(oracle.status)))
    learn_ids(normaliser.ids, mine, theirs)
    found += diff(
        normaliser.fingerprint("instance", mine, schema),
        normaliser.fingerprint("oracle", theirs, schema),
        "body ",
    )
    return found
