"""What the Miso checks of one run share: the rules read from its spec, its tallies, and a way
to send the few requests of their own (walking pages, reading a write back, the viewer's
replays) with the run's client and token, within the run's safety mode.

Schemathesis checks are registered process-wide, so each run is found again by its schema: a
check called for a schema no `miso conform` run owns does nothing.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from miso_contract import is_safe
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from .._http import UNANSWERED, Client, Reply
from ._activity import Activity
from ._registry import Tally
from ._spec import SpecRules

# Told of a resource a rule's own request created (method, path template, answer body), so
# the run's clean-up removes it too.
OnCreated = Callable[[str, str, bytes], None]


@dataclass(frozen=True)
class Viewer:
    """The second, less privileged client: its tokens and the permissions they carry."""

    token: Callable[[], str]
    permissions: frozenset[str]


class Inconclusive(Exception):
    """A check could not make the follow-up request it needs (429 after waiting, a fault that
    persisted, the run's budget spent): the response it examines is not judged."""


class RuleContext:
    def __init__(
        self,
        schema: Any,
        spec: SpecRules,
        tally: Tally,
        client: Client,
        token: Callable[[], str],
        *,
        writes: bool,
        base_url: str,
        same_clock: bool,
        viewer: Viewer | None = None,
        on_created: OnCreated | None = None,
        owned: Callable[[str], bool] | None = None,
        budget_spent: Callable[[], bool] | None = None,
    ) -> None:
        self.schema = schema
        self.spec = spec
        self.tally = tally
        self.client = client
        self.token = token
        self.writes = writes
        self.base_path = urlsplit(base_url).path.rstrip("/")
        self.same_clock = same_clock
        self.viewer = viewer
        self.on_created = on_created
        # Whether a concrete path names a resource this run created (write checks judge only
        # those: other clients and the run's own guard may change the rest).
        self.owned = owned or (lambda path: True)
        self.budget_spent = budget_spent or (lambda: False)
        self.activity = Activity()
        self.lock = threading.Lock()
        self.memo: dict[Any, Any] = {}  # per-rule verdicts and budgets, under `lock`
        self.notes: list[str] = []
        self._ids = itertools.count(1)

    def note(self, text: str) -> None:
        with self.lock:
            if text not in self.notes:
                self.notes.append(text)

    def request(
        self, method: str, path: str, *, token: str | None = None, json_body: Any = None
    ) -> Reply:
        """One request of the rules' own; unsafe ones only when the run may write.

        Raises `Inconclusive` when the request cannot be made or gets no real answer."""
        method = method.upper()
        unsafe = not is_safe(method)
        if unsafe and not self.writes:
            raise PermissionError(f"read-only run: refused {method} {path}")
        if self.budget_spent():
            raise Inconclusive("the run's request budget was spent")
        headers = {"Authorization": f"Bearer {token or self.token()}"}
        key = f"miso-rule-{next(self._ids)}"
        if unsafe:
            self.activity.started(key, method, path)
        status = None
        try:
            reply = self.client.request(method, path, json_body=json_body, headers=headers)
            status = reply.status
        finally:
            if unsafe:
                self.activity.finished(key, status)
        if reply.status in UNANSWERED:
            raise Inconclusive(f"{method} {path.split('?', 1)[0]} answered {reply.status}")
        return reply

    def sent_path(self, response: Any) -> str:
        """The path and query the response answered, relative to the base URL."""
        url = urlsplit(response.request.url)
        path = url.path[len(self.base_path) :] if url.path.startswith(self.base_path) else url.path
        return path + (f"?{url.query}" if url.query else "")


_ACTIVE: dict[int, RuleContext] = {}
_ACTIVE_LOCK = threading.Lock()


def lookup(schema: Any) -> RuleContext | None:
    with _ACTIVE_LOCK:
        run = _ACTIVE.get(id(schema))
    return run if run is not None and run.schema is schema else None


@contextmanager
def activated(run: RuleContext) -> Iterator[None]:
    """Let the Miso checks act for `run`, and watch its requests, until the block ends."""

    def before_call(context: Any, case: Any, kwargs: Any) -> None:
        if case.operation.schema is run.schema:
            run.activity.started(case.id, str(case.method), case.formatted_path)

    def after_call(context: Any, case: Any, response: Any) -> None:
        if case.operation.schema is run.schema:
            run.activity.finished(case.id, response.status_code)

    with _ACTIVE_LOCK:
        _ACTIVE[id(run.schema)] = run
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(before_call, "before_call")
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(after_call, "after_call")
    try:
        yield
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(before_call)
        GLOBAL_HOOK_DISPATCHER.unregister(after_call)
        with _ACTIVE_LOCK:
            _ACTIVE.pop(id(run.schema), None)
