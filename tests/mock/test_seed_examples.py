"""Every curl of the reference, pointed at the mock with a real token, gets a 2xx with the
documented shape (the mock runs with response validation, so the shape is checked against the
spec too), and every request body the reference shows is accepted.

The examples come from the project's fixture (tests/support/reference_examples.py); with the
reference documents present, the fixture is also checked to be theirs word for word.
"""

from __future__ import annotations

import shlex
from typing import Any

import httpx
import pytest
from miso_toolkit.paths import SEEDS_DIR

from tests.support.reference_examples import load_fixture, read_reference, render
from tests.support.seeds import REFERENCE_NAME, needs_seeds
from tests.support.servers import DEV_CLIENT

HOST = "https://your-miso-instance.com"
EXAMPLES = load_fixture()


def _parse_curl(command: str, base_url: str, token: str) -> dict[str, Any]:
    words = shlex.split(command.replace("\\\n", " "))
    request: dict[str, Any] = {"method": "GET", "headers": {}}
    i = 1
    while i < len(words):
        word = words[i]
        if word == "-X":
            request["method"] = words[i + 1]
            i += 1
        elif word == "-H":
            name, _, value = words[i + 1].partition(":")
            request["headers"][name.strip()] = value.strip().replace("YOUR_ACCESS_TOKEN", token)
            i += 1
        elif word == "-d":
            body = words[i + 1]
            body = body.replace("your-client-id", DEV_CLIENT[0]).replace(
                "your-client-secret", DEV_CLIENT[1]
            )
            request["content"] = body.replace("YOUR_JWT_TOKEN", token)
            i += 1
        elif word.startswith(HOST):
            request["url"] = base_url + word[len(HOST) :]
        i += 1
    return request


def _missing_fields(documented: Any, actual: Any, at: str = "") -> list[str]:
    """Where `actual` lacks a field the documented example has (lists: their first items)."""
    if isinstance(documented, dict):
        if not isinstance(actual, dict):
            return [at or "/"]
        return [
            missing
            for key, value in documented.items()
            for missing in (
                _missing_fields(value, actual[key], f"{at}/{key}")
                if key in actual
                else [f"{at}/{key}"]
            )
        ]
    if isinstance(documented, list) and documented:
        if not isinstance(actual, list):
            return [at]
        return _missing_fields(documented[0], actual[0], f"{at}/0") if actual else []
    return []


def test_the_fixture_has_the_examples_these_tests_rely_on() -> None:
    assert len(EXAMPLES.curls) >= 10
    assert sum(curl.response is not None for curl in EXAMPLES.curls) >= 8
    assert len(EXAMPLES.request_bodies) >= 4


@needs_seeds
def test_the_fixture_is_the_references() -> None:
    assert SEEDS_DIR is not None
    reference = read_reference((SEEDS_DIR / REFERENCE_NAME).read_text(encoding="utf-8"))
    assert render(reference) == render(EXAMPLES), (
        "the reference changed: `python -m tests.support.reference_examples` rewrites the fixture"
    )


@pytest.mark.parametrize("index", range(len(EXAMPLES.curls)))
def test_each_reference_curl_works_verbatim(base_url: str, token: str, index: int) -> None:
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    example = EXAMPLES.curls[index]
    request = _parse_curl(example.command, base_url, token)
    response = httpx.request(**request)
    assert 200 <= response.status_code < 300, (request, response.text)
    assert response.headers["content-type"].startswith("application/json")
    assert _missing_fields(example.response, response.json()) == []


@pytest.mark.parametrize("example", EXAMPLES.request_bodies, ids=lambda e: f"{e.method} {e.path}")
def test_each_reference_request_body_is_accepted(base_url: str, token: str, example: Any) -> None:
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    path = example.path.replace("{application_id}", "app-123").replace("{user_id}", "user-456")
    response = httpx.request(
        example.method,
        base_url + path,
        json=example.body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert 200 <= response.status_code < 300, response.text
