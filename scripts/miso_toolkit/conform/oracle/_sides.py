"""The two sides of every comparison: the instance under test and the oracle, each reached
with its own client and token, each exchange kept whole for the report."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._http import UNANSWERED, Client, Unreachable


class Inconclusive(Exception):
    """A step the oracle cannot judge (the instance was busy, unreachable, or out of budget)."""


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, on one side."""

    method: str
    path: str
    body: Any
    status: int
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def json(self) -> Any:
        try:
            return json.loads(self.content)
        except ValueError:
            return None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def media_type(self) -> str:
        return (self.header("content-type") or "").split(";", 1)[0].strip().lower()


class Side:
    """Sends requests to one side. For the instance, every request goes through the run's
    client (so its pacer) and a busy answer makes the step inconclusive."""

    def __init__(
        self,
        name: str,
        client: Client,
        token: Callable[[], str],
        base_url: str,
        *,
        budget_spent: Callable[[], bool] = lambda: False,
    ) -> None:
        self.name = name
        self.client = client
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.budget_spent = budget_spent
        self.sent = 0

    def send(self, method: str, path: str, body: Any = None) -> Exchange:
        if self.budget_spent():
            raise Inconclusive("the run's request budget was spent")
        headers = {"Authorization": f"Bearer {self.token()}"}
        try:
            reply = self.client.request(method, path, json_body=body, headers=headers)
        except Unreachable as exc:
            raise Inconclusive(f"{self.name} unreachable: {exc}") from exc
        self.sent += 1
        exchange = Exchange(method, path, body, reply.status, dict(reply.headers), reply.body)
        if reply.status in UNANSWERED:
            raise Inconclusive(f"{method} {path.split('?', 1)[0]} answered {reply.status}")
        return exchange
