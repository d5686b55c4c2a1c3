"""Remove what the run created, and say what could not be removed.

Which responses create something, and how it is removed, is read from the spec's links: a
2xx answer to a POST whose links lead to a DELETE names a resource to delete; links to a GET
name where to check that it is gone (a deployment has no DELETE of its own; it goes with its
application). Every request of the run is seen, including the probes checks send.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from miso_contract import Contract, get_pointer

from ._http import Client, Unreachable

_BODY_POINTER = re.compile(r"^\$response\.body#(?P<pointer>/.*)?$")


@dataclass(frozen=True)
class _Link:
    method: str
    path: str
    parameters: Mapping[str, str]  # path parameter -> JSON pointer into the response body


@dataclass(frozen=True)
class Created:
    """One resource the run created, with the requests that remove and look for it."""

    source: str  # the creating operation, e.g. "POST /api/v1/applications"
    delete: str | None  # concrete path of its DELETE, if the contract has one
    lookups: tuple[str, ...]  # concrete paths of GETs that find it while it exists

    @property
    def name(self) -> str:
        return self.delete or (self.lookups[0] if self.lookups else self.source)


@dataclass(frozen=True)
class Leftover:
    resource: str
    source: str
    reason: str


@dataclass(frozen=True)
class CleanupReport:
    created: int
    deleted: int
    leftovers: tuple[Leftover, ...]


def _links_by_operation(contract: Contract) -> dict[tuple[str, str], list[_Link]]:
    """(METHOD, path) of each POST -> links from its 2xx answers to a DELETE or a GET."""
    found: dict[tuple[str, str], list[_Link]] = {}
    for operation in contract.operations:
        if operation.method != "POST":
            continue
        for status, _, link in contract.links(operation):
            target = contract.operation(link.get("operationId"))
            pointers = _pointers(link.get("parameters") or {})
            if (
                status.startswith("2")
                and target is not None
                and target.method in ("DELETE", "GET")
                and pointers is not None
            ):
                found.setdefault(("POST", operation.path), []).append(
                    _Link(target.method, target.path, pointers)
                )
    return found


def _pointers(parameters: Mapping[str, Any]) -> dict[str, str] | None:
    """Path parameters taken from the response body, or None if a link needs anything else."""
    pointers = {}
    for name, expression in parameters.items():
        match = _BODY_POINTER.match(str(expression))
        if match is None:
            return None
        pointers[name.split(".")[-1]] = match.group("pointer") or ""
    return pointers


def _fill(link: _Link, body: Any) -> str | None:
    path = link.path
    try:
        for name, pointer in link.parameters.items():
            value = get_pointer(body, pointer)
            if not isinstance(value, str | int) or isinstance(value, bool) or value == "":
                return None
            path = path.replace(f"{{{name}}}", str(value))
    except (ValueError, TypeError):
        return None
    return None if "{" in path else path


class ResourceTracker:
    """Collects created resources from recorded exchanges; removes them at the end."""

    def __init__(self, contract: Contract) -> None:
        self._links = _links_by_operation(contract)
        self._created: dict[str, Created] = {}
        self._gone: set[str] = set()
        self._lock = threading.Lock()
        self.unreadable: list[str] = []
        # The path templates of what the run can create (`/api/v1/applications/{application_id}`).
        self.creatable = frozenset(link.path for links in self._links.values() for link in links)

    @property
    def created(self) -> list[Created]:
        with self._lock:
            return list(self._created.values())

    def owns(self, path: str) -> bool:
        """Whether the concrete `path` names a resource this run created, or lies under one
        (`/applications/app-9/configuration` under `/applications/app-9`)."""
        path = path.split("?", 1)[0].rstrip("/")
        with self._lock:
            return any(
                path == own or path.startswith(own + "/")
                for resource in self._created.values()
                for own in (resource.delete, *resource.lookups)
                if own
            )

    def live(self, pattern: re.Pattern[str]) -> str | None:
        """The newest resource the run created, still there, whose path matches `pattern`."""
        with self._lock:
            for resource in reversed(list(self._created.values())):
                for path in (resource.delete, *resource.lookups):
                    if path and pattern.match(path) and resource.name not in self._gone:
                        return path
        return None

    def newest(self, pattern: re.Pattern[str]) -> str | None:
        """The path of the newest resource the run created whose path matches `pattern`."""
        with self._lock:
            for resource in reversed(list(self._created.values())):
                for path in (resource.delete, *resource.lookups):
                    if path and pattern.match(path):
                        return path
        return None

    def deleted(self, path: str) -> None:
        """The run deleted `path` (one of its own): not a resource to write to any more."""
        with self._lock:
            for resource in self._created.values():
                if path == resource.delete or path in resource.lookups:
                    self._gone.add(resource.name)

    def observe(self, recorder: Any) -> None:
        """Note every 2xx answer to a creating operation in a finished scenario."""
        for case_id, node in recorder.cases.items():
            operation = node.value.operation
            links = self._links.get((operation.method.upper(), operation.path))
            interaction = recorder.interactions.get(case_id)
            if not links or interaction is None or interaction.response is None:
                continue
            response = interaction.response
            if not 200 <= response.status_code < 300:
                continue
            self._note(operation.label, links, response.content)

    def note_created(self, method: str, path: str, content: bytes) -> None:
        """A 2xx answer to a request sent outside Schemathesis (a Miso check's own), for the
        operation at `path` (its template)."""
        links = self._links.get((method.upper(), path))
        if links:
            self._note(f"{method.upper()} {path}", links, content)

    def _note(self, source: str, links: Iterable[_Link], content: bytes) -> None:
        try:
            body = json.loads(content)
        except ValueError:
            with self._lock:
                self.unreadable.append(source)
            return
        delete, lookups = None, []
        for link in links:
            path = _fill(link, body)
            if path is None:
                continue
            if link.method == "DELETE":
                delete = delete or path
            else:
                lookups.append(path)
        with self._lock:
            if delete is None and not lookups:
                self.unreadable.append(source)
                return
            created = Created(source, delete, tuple(dict.fromkeys(lookups)))
            self._created.setdefault(created.name, created)

    def abandon(self, reason: str) -> CleanupReport:
        """Nothing could be removed: every created resource is left over, for `reason`."""
        leftovers = [Leftover(r.name, r.source, reason) for r in self.created]
        leftovers += [Leftover("(id not found in the answer)", s, reason) for s in self.unreadable]
        return CleanupReport(len(leftovers), 0, tuple(leftovers))

    def clean_up(self, client: Client, headers: dict[str, str]) -> CleanupReport:
        """DELETE what has a DELETE (newest first), then check that the rest went with it."""
        leftovers = [
            Leftover("(id not found in the answer)", source, "could not tell what was created")
            for source in self.unreadable
        ]
        deleted = 0
        created = self.created
        for resource in reversed(created):
            if resource.delete is None:
                continue
            status = self._send(client, "DELETE", resource.delete, headers)
            # 404: the run itself already deleted it (stateful tests do).
            if status is not None and (200 <= status < 300 or status == 404):
                deleted += 1
            else:
                reason = "unreachable" if status is None else f"DELETE answered {status}"
                leftovers.append(Leftover(resource.name, resource.source, reason))
        for resource in created:
            if resource.delete is not None:
                continue
            still_there = [
                path for path in resource.lookups if self._send(client, "GET", path, headers) != 404
            ]
            if still_there:
                reason = "the contract has no DELETE for it; it is still readable"
                leftovers.append(Leftover(resource.name, resource.source, reason))
            else:
                deleted += 1
        return CleanupReport(len(created) + len(self.unreadable), deleted, tuple(leftovers))

    @staticmethod
    def _send(client: Client, method: str, path: str, headers: dict[str, str]) -> int | None:
        try:
            return client.request(method, path, headers=headers).status
        except Unreachable:
            return None
