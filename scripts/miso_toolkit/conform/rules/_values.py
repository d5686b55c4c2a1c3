"""Small readers shared by the rules: the body and query a response answered, numbers and
times as they travel in JSON and query strings."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit


def json_body(content: bytes | None) -> Any:
    """The parsed JSON, or None when there is none (schema checks report malformed bodies)."""
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None


def list_items(content: bytes | None, field: str) -> list[Any] | None:
    """The items of a list answer (its `field` array), or None if it has none."""
    body = json_body(content)
    items = body.get(field) if isinstance(body, dict) else None
    return items if isinstance(items, list) else None


def sent_json(response: Any) -> Any:
    """The JSON body of the request this response answered."""
    body = response.request.body
    return json_body(body.encode() if isinstance(body, str) else body)


def query_pairs(response: Any) -> list[tuple[str, str]]:
    """The query the request really carried, as sent."""
    return parse_qsl(urlsplit(response.request.url).query, keep_blank_values=True)


def with_query(path: str, pairs: list[tuple[str, Any]]) -> str:
    path = path.split("?", 1)[0]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def as_text(value: Any) -> str:
    """A JSON value as a query string carries it (`true`, not `True`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def parse_time(value: Any) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime (UTC if it names no offset), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def header(response: Any, name: str) -> str | None:
    values = response.headers.get(name.lower())
    return values[0] if values else None


def excerpt(value: Any, limit: int = 200) -> str:
    text = json.dumps(value, sort_keys=True) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
