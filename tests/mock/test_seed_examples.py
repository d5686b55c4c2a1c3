"""Every curl of the reference, pointed at the mock with a real token, gets a 2xx with the
documented shape (the mock runs with response validation, so the shape is checked too)."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import httpx
import pytest

from tests.support.servers import DEV_CLIENT

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "miso-api-reference.md"
HOST = "https://your-miso-instance.com"


def _blocks(language: str) -> list[str]:
    text = REFERENCE.read_text()
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def _curls() -> list[str]:
    return [b for b in _blocks("bash") if b.lstrip().startswith("curl ")]


def _request_bodies() -> list[tuple[str, str, dict]]:
    """(method, path, body) for each endpoint whose request body the reference shows."""
    text = REFERENCE.read_text()
    pattern = (
        r"```bash\n(GET|POST|PUT|DELETE) (\S+)\n```\s+\*\*Request Body:\*\*\s+```json\n(.*?)```"
    )
    return [(m, p, json.loads(b)) for m, p, b in re.findall(pattern, text, flags=re.DOTALL)]


def _parse_curl(command: str, base_url: str, token: str) -> dict:
    words = shlex.split(command.replace("\\\n", " "))
    request: dict = {"method": "GET", "headers": {}}
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


def test_the_reference_has_the_examples_this_test_relies_on() -> None:
    assert len(_curls()) >= 10
    assert len(_request_bodies()) >= 4


@pytest.mark.parametrize("index", range(len(_curls())))
def test_each_reference_curl_works_verbatim(base_url: str, token: str, index: int) -> None:
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    request = _parse_curl(_curls()[index], base_url, token)
    response = httpx.request(**request)
    assert 200 <= response.status_code < 300, (request, response.text)
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(("method", "path", "body"), _request_bodies())
def test_each_reference_request_body_is_accepted(
    base_url: str, token: str, method: str, path: str, body: dict
) -> None:
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    path = path.replace("{application_id}", "app-123").replace("{user_id}", "user-456")
    response = httpx.request(
        method, base_url + path, json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert 200 <= response.status_code < 300, response.text
