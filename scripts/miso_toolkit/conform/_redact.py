"""Keeps the run's credentials out of everything it prints or writes.

Schemathesis already masks `Authorization` and secret-looking fields as `[Filtered]`; this is
the last pass over every line of output and every report, so a token or secret that surfaces
anywhere else (a response body, an error message) is masked too.
"""

from __future__ import annotations

import re
import threading

REDACTED = "[REDACTED]"
# Masked headers as Schemathesis writes them, and as a reproducing `curl` should show them.
_FILTERED_BEARER = re.compile(r"(Authorization: )(?:Bearer )?\[Filtered\]", re.IGNORECASE)
# Any JWT (three base64url parts, the first a JSON header) and any `access_token` value.
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_ACCESS_TOKEN = re.compile(r'("access_token"\s*:\s*")[^"]*(")')


class Redactor:
    """Masks the exact secrets it was told about, plus anything shaped like a token."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secret: str | None) -> None:
        if secret:
            with self._lock:
                self._secrets.add(secret)

    def __call__(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, REDACTED)
        text = _JWT.sub(REDACTED, text)
        text = _ACCESS_TOKEN.sub(rf"\g<1>{REDACTED}\g<2>", text)
        return _FILTERED_BEARER.sub(rf"\g<1>Bearer {REDACTED}", text)
