"""Writes take effect: after a successful create or update a read returns what was written;
after a delete the resource is gone.

How a resource is read back comes from the spec: a create's link to a GET (its path filled
from the answer, e.g. `$response.body#/id`), or the GET on the path just written. Fields
compare as the request schema describes them: `writeOnly` fields (a webhook's secret) and
fields the read does not show are skipped, objects may gain defaults and server-owned
fields, `uniqueItems` arrays compare as sets. A mismatch only counts if no other write that
may have taken effect touched the resource between the write and the read (Schemathesis runs
several workers), so concurrency is never reported as a lost write; and updates and deletes are
only judged on resources the run created itself.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from miso_contract import get_pointer

from ._check import Verdict, miso_check, succeeded, violation
from ._context import RuleContext
from ._registry import Rule
from ._spec import Schema, WriteRules, fill_path
from ._values import excerpt, json_body, sent_json

RULE = Rule(
    "miso_writes_take_effect",
    "after a successful create or update a read returns the fields that were sent "
    "(server-owned fields aside); after a successful delete the resource is gone",
)
MAX_LISTED = 5


@miso_check(RULE)
def miso_writes_take_effect(run: RuleContext, response: Any, case: Any) -> Verdict:
    rules = run.spec.writes.get(case.operation.label)
    if rules is None or not succeeded(response, case):
        return None
    read_path = _read_path(run, rules, response)
    if read_path is None:
        return None
    if rules.pointers is None and not run.owned(read_path):
        # Not created by this run: another client may change it at any time, and the run's
        # write guard puts back what it changed, so what a read shows proves nothing.
        return None
    sent = sent_json(response)
    if rules.method != "DELETE" and not isinstance(sent, dict):
        return None
    reply = run.request("GET", read_path)
    written = f"{rules.method} answered {response.status_code}"
    if rules.method == "DELETE":
        if not 200 <= reply.status < 300:
            return []
        kind, title = "not gone", "a deleted resource is still served"
        message = f"{written}, then GET {read_path} answered {reply.status}"
    elif reply.status != 200:
        kind, title = "unreadable", "a written resource cannot be read back"
        message = f"{written}, then GET {read_path} answered {reply.status}"
    else:
        lost = differences(sent, json_body(reply.body), rules.sent, rules.read)
        if not lost:
            return []
        kind, title = "lost", "a read does not return what was written"
        message = f"{written}, then GET {read_path} returned: " + "; ".join(lost[:MAX_LISTED])
    if not run.activity.undisturbed(case.id, read_path):
        return None  # another write touched it meanwhile: inconclusive
    return [violation(case, RULE, kind, title, message)]


def _read_path(run: RuleContext, rules: WriteRules, response: Any) -> str | None:
    if rules.pointers is None:
        return run.sent_path(response).split("?", 1)[0]
    body = json_body(response.content)
    values = {name: get_pointer(body, pointer) for name, pointer in rules.pointers.items()}
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values.values()):
        return None
    return fill_path(rules.read_path, {k: quote(str(v), safe="") for k, v in values.items()})


def differences(
    sent: Any, read: Any, schema: Schema, read_schema: Schema, at: str = ""
) -> list[str]:
    """Where `read` does not hold what `sent` says, as "`field`: sent X, read back Y"."""
    if isinstance(sent, dict):
        if not isinstance(read, dict):
            return [_differs(at, sent, read)]
        found = []
        shown = read_schema.get("properties")
        for key, value in sent.items():
            sub = _property(schema, key)
            if sub.get("writeOnly") or (shown is not None and key not in shown):
                continue
            where = f"{at}.{key}" if at else key
            if key not in read:
                found.append(f"`{where}`: sent {excerpt(value)}, missing when read back")
                continue
            read_sub = _property(read_schema, key)
            found += differences(value, read[key], sub, read_sub, where)
        return found
    if isinstance(sent, list):
        if not isinstance(read, list) or len(sent) != len(read):
            return [_differs(at, sent, read)]
        if schema.get("uniqueItems"):
            same = sorted(map(_canonical, sent)) == sorted(map(_canonical, read))
            return [] if same else [_differs(at, sent, read)]
        items, read_items = schema.get("items", {}), read_schema.get("items", {})
        found = []
        for index, (one, other) in enumerate(zip(sent, read, strict=True)):
            found += differences(one, other, items, read_items, f"{at}[{index}]")
        return found
    same = sent == read and isinstance(sent, bool) == isinstance(read, bool)
    return [] if same else [_differs(at, sent, read)]


def _property(schema: Schema, key: str) -> Schema:
    props = schema.get("properties", {})
    if key in props:
        return props[key]
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, dict) else {}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _differs(at: str, sent: Any, read: Any) -> str:
    return f"`{at or '(body)'}`: sent {excerpt(sent)}, read back {excerpt(read)}"
