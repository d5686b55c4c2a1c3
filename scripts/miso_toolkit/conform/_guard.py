"""Writes only touch what the run created: what was on the instance before stays as it was.

Generated requests name resources by the spec's examples (`app-123`) or by guessed ids, and on
a live instance those may be real records. Before an unsafe request leaves, each resource its
path names (`/api/v1/applications/{application_id}` in `.../{application_id}/deployments`) is
checked: one the run created is fair game; one that does not exist (404) is too, since the
request tests how the instance refuses it. A resource that exists and is not the run's:

- the request is pointed at a live resource of the same kind the run created, when there is one
  and the request does not delete; failing that (and for a delete, always) at one the guard
  creates for it from the spec's example of the creating operation;
- else, for a PUT to a resource the run has no way to create (a user), the resource is read
  just before, the request goes as generated, and right after it the values read are written
  back and read again to check they are restored (one such write per resource at a time);
- else the request is pointed at an id that names nothing, so it tests the refusal instead.

Creations are noted as soon as they are answered (not at the end of a scenario), so a resource
the run just created is its own at once.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from miso_contract import Contract, Operation, is_safe

from ._cleanup import ResourceTracker
from ._http import Client, Unreachable

ABSENT_PREFIX = "miso-conform-absent-"
# How long a write waits for another one to restore the same resource before going anyway.
RESTORE_LOCK_SECONDS = 60.0
_ABSENT, _UNKNOWN = object(), object()


@dataclass(frozen=True)
class Restored:
    """A pre-existing resource the run wrote to and put back (or failed to)."""

    path: str
    ok: bool
    detail: str = ""


@dataclass
class GuardReport:
    created: int = 0  # resources the guard created for writes to point at
    redirected: int = 0
    refused: int = 0  # pointed at an id that names nothing
    restored: list[Restored] = field(default_factory=list)

    @property
    def failed(self) -> list[Restored]:
        return [r for r in self.restored if not r.ok]


@dataclass
class _Pending:
    path: str
    body: Any
    lock: threading.Lock


class WriteGuard:
    def __init__(
        self,
        contract: Contract,
        tracker: ResourceTracker,
        client: Client,
        token: Callable[[], str],
    ) -> None:
        self.contract = contract
        self.tracker = tracker
        self.client = client
        self.token = token
        self.report = GuardReport()
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._pending: dict[str, _Pending] = {}
        self._absent = itertools.count(1)
        self._creators = _creators(contract)

    # -- hooks -------------------------------------------------------------------------------

    def before_call(self, case: Any) -> None:
        method = str(case.method).upper()
        if is_safe(method):
            return
        operation = self.contract.find(str(case.operation.method), case.operation.path)
        parameters = case.path_parameters
        if operation is None or not isinstance(parameters, dict):
            return
        for name, template in _resources(operation.path):
            if name not in parameters:
                continue
            concrete = _fill(template, parameters)
            if concrete is None or self.tracker.owns(concrete):
                continue
            if self._read(concrete) is _ABSENT:
                continue  # nothing there: the request tests the refusal
            self._protect(case, method, operation, name, template)
            if ABSENT_PREFIX in str(parameters.get(name)) or case.id in self._pending:
                return

    def after_call(self, case: Any, response: Any) -> None:
        method = str(case.method).upper()
        status = response.status_code
        if 200 <= status < 300:
            if method == "POST":
                self.tracker.note_created(method, case.operation.path, response.content)
            elif method == "DELETE":
                self.tracker.deleted(_request_path(case))
        self.finish(case, written=200 <= status < 300)

    def after_network_error(self, case: Any) -> None:
        """No answer: the write may still have happened, so it is put back all the same."""
        self.finish(case, written=True)

    def finish(self, case: Any, *, written: bool) -> None:
        """Put back a pre-existing resource the request may have changed; free its lock."""
        with self._lock:
            pending = self._pending.pop(case.id, None)
        if pending is None:
            return
        try:
            if written:
                self._restore(pending, case)
        finally:
            pending.lock.release()

    # -- decisions ---------------------------------------------------------------------------

    def _protect(
        self,
        case: Any,
        method: str,
        operation: Operation,
        name: str,
        template: str,
    ) -> None:
        parameters = case.path_parameters
        # A delete gets a resource of its own; anything else may share one.
        own = None if method == "DELETE" else self._own_of(template)
        own = own or self._fixture(template, reuse=method != "DELETE")
        if own is not None:
            parameters[name] = own
            with self._lock:
                self.report.redirected += 1
            return
        # A PUT to a kind of resource the run cannot create: written, then put back.
        if (
            method == "PUT"
            and template not in self.tracker.creatable
            and self._hold(case, operation)
        ):
            return
        parameters[name] = f"{ABSENT_PREFIX}{next(self._absent)}"
        with self._lock:
            self.report.refused += 1

    def _fixture(self, template: str, *, reuse: bool) -> str | None:
        """Create a resource of this kind for the request to write to, from the example of
        the operation that creates it (when that needs no other resource); its id, or None."""
        creator = self._creators.get(template)
        if creator is None:
            return None
        with self._lock:
            lock = self._locks.setdefault(f"create {template}", threading.Lock())
        with lock:
            own = self._own_of(template) if reuse else None
            if own is not None:
                return own  # another worker made one meanwhile
            operation, body = creator
            try:
                reply = self.client.request(
                    "POST", operation.path, json_body=body, headers=self._headers()
                )
            except Unreachable:
                return None
            if not 200 <= reply.status < 300:
                return None
            self.tracker.note_created("POST", operation.path, reply.body)
            with self._lock:
                self.report.created += 1
            path = self.tracker.newest(self.contract.path_regex(template))
        return path.rstrip("/").rsplit("/", 1)[-1] if path else None

    def _own_of(self, template: str) -> str | None:
        path = self.tracker.live(self.contract.path_regex(template))
        if path is None:
            return None
        return path.rstrip("/").rsplit("/", 1)[-1]

    def _hold(self, case: Any, operation: Operation) -> bool:
        """Read the resource the PUT writes (its own path) before it leaves, under its lock."""
        target = _fill(operation.path, case.path_parameters)
        if target is None or self.contract.find("GET", operation.path) is None:
            return False
        with self._lock:
            lock = self._locks.setdefault(target, threading.Lock())
        if not lock.acquire(timeout=RESTORE_LOCK_SECONDS):
            return False
        body = self._read(target)
        if body is _ABSENT or body is _UNKNOWN:
            lock.release()
            return False
        with self._lock:
            self._pending[case.id] = _Pending(target, body, lock)
        return True

    def _restore(self, pending: _Pending, case: Any) -> None:
        operation = self.contract.find("PUT", case.operation.path)
        schema = self.contract.json_schema(operation.request_body) if operation else {}
        values = _project(self.contract, schema, pending.body)
        try:
            status = self._send("PUT", pending.path, values)
        except Unreachable as exc:
            status = f"no answer ({exc})"
        after = self._read(pending.path)
        back = (
            None
            if after is _ABSENT or after is _UNKNOWN
            else _project(self.contract, schema, after)
        )
        if back != values and status != 200:
            self._restored(Restored(pending.path, False, f"writing it back answered {status}"))
            return
        if back == values:
            self._restored(Restored(pending.path, True))
        else:
            detail = f"wrote back {json.dumps(values, sort_keys=True)[:300]}, read {back!r}"[:500]
            self._restored(Restored(pending.path, False, detail))

    def _restored(self, outcome: Restored) -> None:
        with self._lock:
            self.report.restored.append(outcome)

    # -- requests ----------------------------------------------------------------------------

    def _read(self, path: str) -> Any:
        """The resource's JSON if it exists (2xx), `_ABSENT` if the instance says there is
        none (another 4xx), `_UNKNOWN` if it cannot be told. The guard treats an unknown
        resource as an existing one: it errs on the side of not writing."""
        try:
            reply = self.client.request("GET", path, headers=self._headers())
        except Unreachable:
            return _UNKNOWN
        if 200 <= reply.status < 300:
            try:
                return json.loads(reply.body)
            except ValueError:
                return _UNKNOWN
        return _UNKNOWN if reply.status == 429 or reply.status >= 500 else _ABSENT

    def _send(self, method: str, path: str, body: Any) -> int | str:
        return self.client.request(method, path, json_body=body, headers=self._headers()).status

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}


def _creators(contract: Contract) -> dict[str, tuple[Operation, Any]]:
    """Path template of a resource -> the operation that creates it (a POST on a path without
    parameters, linked to the resource's GET or DELETE) and the body its example sends."""
    found: dict[str, tuple[Operation, Any]] = {}
    for operation in contract.operations:
        if operation.method != "POST" or "{" in operation.path:
            continue
        body = contract.request_example(operation)
        if body is None:
            continue
        for status, _, link in contract.links(operation):
            target = contract.operation(link.get("operationId"))
            if status.startswith("2") and target is not None:
                found.setdefault(target.path, (operation, body))
    return found


def _resources(template: str) -> list[tuple[str, str]]:
    """(parameter, the template up to and including it) for each path parameter, outermost
    first: `/a/{x}/b/{y}` -> [("x", "/a/{x}"), ("y", "/a/{x}/b/{y}")]."""
    found = []
    segments = template.split("/")
    for index, segment in enumerate(segments):
        if segment.startswith("{") and segment.endswith("}"):
            found.append((segment[1:-1], "/".join(segments[: index + 1])))
    return found


def _fill(template: str, parameters: Mapping[str, Any]) -> str | None:
    path = template
    for name, value in parameters.items():
        path = path.replace(f"{{{name}}}", quote(str(value), safe=""))
    return None if "{" in path else path


def _request_path(case: Any) -> str:
    return _fill(case.operation.path, case.path_parameters or {}) or case.operation.path


def _project(contract: Contract, schema: Any, value: Any) -> Any:
    """`value` (as read) reduced to what the request schema lets a client write."""
    properties = contract.properties(schema)
    if not isinstance(value, dict) or not properties:
        return value
    return {
        key: _project(contract, properties[key], item)
        for key, item in value.items()
        if key in properties and not properties[key].get("readOnly")
    }
