"""The Miso checks: the reference's rules that a server can break while matching every schema.

Each rule family is a small module registering one Schemathesis custom check under its own
name (`miso_pagination`, `miso_filters`, ...), on by default like every check, and switched
off the Schemathesis way (`[checks] miso_sorting.enabled = false` in `schemathesis.toml`).
The rules themselves are read from the spec under test (`_spec.py`). A run makes them act with
a `RuleContext` (its tally from `tally_for(...)`) and `activated(...)`, then reads each check's
tally with `context.tally.outcomes()`.
"""

from __future__ import annotations

from typing import Any

from .._http import Client
from . import envelope, filters, pagination, permissions, rate_limit, sorting, writes
from ._context import Inconclusive, OnCreated, RuleContext, Viewer, activated
from ._registry import Rule, RuleOutcome, Tally, Violation
from ._spec import ListRules, SpecRules, read_rules
from ._values import json_body

__all__ = [
    "RULES",
    "Inconclusive",
    "ListRules",
    "OnCreated",
    "Rule",
    "RuleContext",
    "RuleOutcome",
    "SpecRules",
    "Tally",
    "Viewer",
    "ViewerError",
    "Violation",
    "activated",
    "envelope",
    "filters",
    "pagination",
    "permissions",
    "rate_limit",
    "read_rules",
    "sorting",
    "tally_for",
    "viewer_permissions",
    "writes",
]


# In the order the report lists them.
RULES: tuple[Rule, ...] = tuple(
    module.RULE
    for module in (pagination, filters, sorting, writes, envelope, rate_limit, permissions)
)
_WRITES = writes.RULE


class ViewerError(Exception):
    """What the viewer client may do cannot be told, so its permission pass cannot run."""


def tally_for(schema: Any, *, writes: bool, viewer: Viewer | None) -> Tally:
    """The run's tally: which checks are on comes from its configuration, and the ones that
    cannot act in this run say why."""
    checks = schema.config.checks_config_for()
    enabled = frozenset(rule.name for rule in RULES if checks.get_by_name(name=rule.name).enabled)
    tally = Tally(RULES, enabled)
    if viewer is None:
        tally.note(
            permissions.RULE.name,
            "no viewer client given (--viewer-client-id, --viewer-client-secret)",
        )
    if not writes:
        tally.note(_WRITES.name, "read-only run: nothing is written")
    return tally


def viewer_permissions(client: Client, token: str, spec: SpecRules) -> frozenset[str]:
    """The permissions the viewer's token carries, as the instance's `getCurrentUser` says."""
    if spec.current_user_path is None:
        raise ViewerError("the spec has no getCurrentUser operation to ask")
    reply = client.request(
        "GET", spec.current_user_path, headers={"Authorization": f"Bearer {token}"}
    )
    body = json_body(reply.body)
    held = body.get("permissions") if isinstance(body, dict) else None
    if reply.status != 200 or not isinstance(held, list):
        raise ViewerError(
            f"GET {spec.current_user_path} with the viewer's token answered {reply.status}, "
            "so its permissions are unknown"
        )
    return frozenset(str(permission) for permission in held)
