"""Error envelope: an error's `code`, `request_id` and `timestamp` tell the truth.

Which codes go with which status is the spec's `x-status-codes` on the error-code enum
(401 `AUTHENTICATION_ERROR`, 404 `RESOURCE_NOT_FOUND`, 400/413/415/422 `VALIDATION_ERROR`,
...), and the envelope is found from it (`_spec.py`); `request_id` and `timestamp` are the
reference's own names. The timestamp may be off by a generous clock skew, so a live
instance's clock is not a finding.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from ._check import Verdict, miso_check, violation
from ._context import RuleContext
from ._registry import Rule, Violation
from ._values import header, json_body, parse_time

RULE = Rule(
    "miso_error_envelope",
    "an error's `code` is the one the spec's `x-status-codes` gives its HTTP status, its "
    "`request_id` equals the `X-Request-ID` header, and its `timestamp` is current",
)
CLOCK_SKEW = timedelta(minutes=5)


@miso_check(RULE)
def miso_error_envelope(run: RuleContext, response: Any, case: Any) -> Verdict:
    rules = run.spec.errors
    if rules is None or response.status_code < 400:
        return None
    body = json_body(response.content)
    error = body.get(rules.envelope) if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    found: list[Violation] = []
    status, code = response.status_code, error.get(rules.code)
    allowed = rules.codes.get(status)
    if allowed and code not in allowed:
        found.append(
            violation(
                case,
                RULE,
                f"code {status}",
                "the error code does not go with the HTTP status",
                f"status {status} came with code {code!r}; the spec's x-status-codes give "
                f"{' or '.join(sorted(allowed))} for {status}",
            )
        )
    request_id, echoed = error.get("request_id"), header(response, "X-Request-ID")
    if request_id is not None and echoed is not None and request_id != echoed:
        found.append(
            violation(
                case,
                RULE,
                "request_id",
                "the error's `request_id` is not the `X-Request-ID` header",
                f"request_id {request_id!r}, X-Request-ID header {echoed!r}",
            )
        )
    moment, now = parse_time(error.get("timestamp")), datetime.now(UTC)
    if moment is not None and abs(now - moment) > CLOCK_SKEW:
        found.append(
            violation(
                case,
                RULE,
                "timestamp",
                "the error's `timestamp` is not current",
                f"timestamp {error.get('timestamp')} is {abs(now - moment)} away from this "
                f"machine's clock ({now:%Y-%m-%dT%H:%M:%SZ}); up to {CLOCK_SKEW} is allowed",
            )
        )
    return found
