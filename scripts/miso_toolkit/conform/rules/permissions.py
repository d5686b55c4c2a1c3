"""Permissions: a second, less privileged client is refused exactly where the spec says.

Each operation's required permissions are its `x-miso-permissions`; what the viewer client
holds is what `GET /users/me` (the spec's `getCurrentUser`) says its token carries. A request
the run's own client just had accepted is sent again with the viewer's token: it must get 403
if the viewer lacks a permission, and must not if it holds them all. Unsafe requests are only
replayed when the run may write (a correct server refuses them before any effect; anything a
wrongly allowed create makes is handed to the run's clean-up). Replays are few per operation,
and a request replayed again gets the same verdict.
"""

from __future__ import annotations

import json
from typing import Any

from miso_contract import is_safe

from ._check import Verdict, is_positive, miso_check, violation
from ._context import RuleContext
from ._registry import Rule
from ._values import json_body, sent_json

RULE = Rule(
    "miso_permissions",
    "with the viewer client's token, an operation whose `x-miso-permissions` it lacks answers "
    "403, and one whose permissions it holds does not",
)
REPLAYS_PER_OPERATION = 3
_PENDING, _MISSING = object(), object()


@miso_check(RULE)
def miso_permissions(run: RuleContext, response: Any, case: Any) -> Verdict:
    required = run.spec.permissions.get(case.operation.label)
    method = str(case.operation.method).upper()
    if run.viewer is None or not required or not is_positive(case):
        return None
    if not 200 <= response.status_code < 300 or (not is_safe(method) and not run.writes):
        return None
    body = sent_json(response)
    if response.request.body and body is None:
        return None  # not a JSON body: it could not be replayed as sent
    path = run.sent_path(response)
    key = ("viewer", case.operation.label, path, json.dumps(body, sort_keys=True))
    budget = ("viewer replays", case.operation.label)
    with run.lock:
        cached = run.memo.get(key, _MISSING)
        if cached is _MISSING:
            if run.memo.get(budget, 0) >= REPLAYS_PER_OPERATION:
                return None
            run.memo[budget] = run.memo.get(budget, 0) + 1
            run.memo[key] = _PENDING
    if cached is _PENDING:
        return None
    if cached is _MISSING:
        cached = _replay(run, case, method, path, body, required)
        with run.lock:
            run.memo[key] = cached
    return [violation(case, RULE, *cached)] if cached else []


def _replay(
    run: RuleContext, case: Any, method: str, path: str, body: Any, required: frozenset[str]
) -> tuple[str, str, str] | tuple[()]:
    assert run.viewer is not None
    reply = run.request(method, path, token=run.viewer.token(), json_body=body)
    lacking = sorted(required - run.viewer.permissions)
    needs = ", ".join(sorted(required))
    if lacking and reply.status != 403:
        if 200 <= reply.status < 300 and run.on_created is not None:
            run.on_created(method, case.operation.path, reply.body)
        return (
            "allowed",
            "a client without the required permission was not refused",
            f"the viewer client lacks {', '.join(lacking)} (x-miso-permissions: {needs}), "
            f"yet {method} {path} answered it {reply.status}, not 403",
        )
    if not lacking and reply.status == 403:
        reason = _message(reply.body, run.spec.errors.envelope if run.spec.errors else "")
        return (
            "refused",
            "a client holding the required permissions was refused",
            f"the viewer client holds {needs} (x-miso-permissions), yet {method} {path} "
            f"answered it 403{f' ({reason})' if reason else ''}",
        )
    return ()


def _message(content: bytes, envelope: str) -> str:
    body = json_body(content)
    error = body.get(envelope) if isinstance(body, dict) else None
    return str(error.get("message", "")) if isinstance(error, dict) else ""
