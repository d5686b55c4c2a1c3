"""Turns a Miso rule into a Schemathesis custom check with the rule's name, so its failures
flow through the engine like any built-in check's, and counts what each check examined."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from schemathesis.core.failures import FailureGroup

from .._auth import AuthError
from .._http import Unreachable
from ._context import Inconclusive, RuleContext, lookup
from ._registry import Rule, Violation

# What a rule returns: None when the response is not one it applies to (not examined), else
# the violations it found (none: examined and passed).
Verdict = list[Violation] | None
RuleFunction = Callable[[RuleContext, Any, Any], Verdict]


def violation(case: Any, rule: Rule, kind: str, title: str, message: str) -> Violation:
    return Violation(
        operation=case.operation.label, kind=f"{rule.name}:{kind}", title=title, message=message
    )


def is_positive(case: Any) -> bool:
    """Whether the request was meant to be valid: generated from the schemas as they are, for
    the operation's own method (not an undeclared-method probe)."""
    if str(case.method).upper() != str(case.operation.method).upper():
        return False
    meta = case.meta
    return meta is None or not meta.generation.mode.is_negative


def succeeded(response: Any, case: Any) -> bool:
    """A 2xx answer to a positive case: the answers whose content the rules judge."""
    return 200 <= response.status_code < 300 and is_positive(case)


def miso_check(rule: Rule) -> Callable[[RuleFunction], Callable[..., bool | None]]:
    """Register `rule` as a check named `rule.name`; Schemathesis skips it when it returns True."""

    def decorate(function: RuleFunction) -> Callable[..., bool | None]:
        def check(ctx: Any, response: Any, case: Any) -> bool | None:
            run = lookup(case.operation.schema)
            if run is None or rule.name not in run.tally.enabled:
                return True
            if response.status_code == 429:
                return True  # a rate-limited answer says nothing about the rule
            try:
                found = function(run, response, case)
            except Inconclusive as exc:
                run.tally.inconclusive(rule.name, str(exc))
                return True
            except (Unreachable, AuthError) as exc:
                run.tally.inconclusive(rule.name, f"a request of its own failed ({exc})")
                return True
            if found is None:
                return True
            run.tally.examined(rule.name, failed=bool(found))
            if len(found) == 1:
                raise found[0]
            if found:
                raise FailureGroup(found)
            return None

        check.__name__ = check.__qualname__ = rule.name
        check.__doc__ = rule.explanation
        return schemathesis.check(check)

    return decorate
