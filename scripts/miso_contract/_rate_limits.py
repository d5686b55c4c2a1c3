"""The rate-limit header convention: what each `X-RateLimit-*` response header means.

The document defines the headers (`components/headers`); their roles (the window's size in
requests, what is left of it, when it resets, how long it lasts) are the convention that the
mock answers with, lint requires of every response, and conform paces and checks by.
"""

from __future__ import annotations

RATE_LIMIT_PREFIX = "X-RateLimit-"
RATE_LIMIT_LIMIT = f"{RATE_LIMIT_PREFIX}Limit"
RATE_LIMIT_REMAINING = f"{RATE_LIMIT_PREFIX}Remaining"
RATE_LIMIT_RESET = f"{RATE_LIMIT_PREFIX}Reset"
RATE_LIMIT_WINDOW = f"{RATE_LIMIT_PREFIX}Window"
RATE_LIMIT_HEADERS = (RATE_LIMIT_LIMIT, RATE_LIMIT_REMAINING, RATE_LIMIT_RESET, RATE_LIMIT_WINDOW)
