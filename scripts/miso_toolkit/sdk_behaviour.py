"""One description of how the SDKs behave on the wire, rendered as a constants file per SDK.

`clients/sdk-behaviour.json` says which answers are retried, how long to wait, which environment
variable turns on the debug log, what the User-Agent looks like and what the log redacts. Each
SDK reads those facts from a generated constants file in its own language, so the three SDKs
cannot drift apart and none of them restates a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from miso_toolkit.paths import REPO_ROOT

DESCRIPTION = REPO_ROOT / "clients" / "sdk-behaviour.json"
HEADER = "Generated from clients/sdk-behaviour.json by `miso clients`: do not edit."


@dataclass(frozen=True)
class Behaviour:
    """The description's facts, typed."""

    max_retries: int
    retry_statuses: tuple[int, ...]
    retry_server_errors: bool
    idempotent_methods: tuple[str, ...]
    initial_delay: float
    max_delay: float
    jitter: float
    retry_after_max: float
    timeout: float
    debug_env: str
    debug_value: str
    request_id_header: str
    user_agent: str
    redacted_headers: tuple[str, ...]
    redacted_fields: tuple[str, ...]


def load(path: Path = DESCRIPTION) -> Behaviour:
    """Read and check the description; a missing key is a KeyError naming it."""
    data: dict[str, Any] = json.loads(path.read_text())
    retry = data["retry"]
    return Behaviour(
        max_retries=int(retry["max_retries"]),
        retry_statuses=tuple(int(s) for s in retry["statuses"]),
        retry_server_errors=bool(retry["server_errors"]),
        idempotent_methods=tuple(str(m).upper() for m in retry["idempotent_methods"]),
        initial_delay=float(retry["initial_delay_seconds"]),
        max_delay=float(retry["max_delay_seconds"]),
        jitter=float(retry["jitter"]),
        retry_after_max=float(retry["retry_after_max_seconds"]),
        timeout=float(data["timeout_seconds"]),
        debug_env=str(data["debug_env"]),
        debug_value=str(data["debug_value"]),
        request_id_header=str(data["request_id_header"]),
        user_agent=str(data["user_agent"]),
        redacted_headers=tuple(str(h).lower() for h in data["redacted_headers"]),
        redacted_fields=tuple(str(f) for f in data["redacted_fields"]),
    )


def render_python(b: Behaviour) -> str:
    """`miso_client/_behaviour.py`."""
    return f'''"""How the SDK behaves on the wire.

{HEADER}
"""

MAX_RETRIES = {b.max_retries}
RETRY_STATUSES = frozenset({{{", ".join(map(str, b.retry_statuses))}}})
RETRY_SERVER_ERRORS = {b.retry_server_errors}
IDEMPOTENT_METHODS = frozenset({{{", ".join(json.dumps(m) for m in b.idempotent_methods)}}})
INITIAL_RETRY_DELAY = {b.initial_delay!r}
MAX_RETRY_DELAY = {b.max_delay!r}
RETRY_JITTER = {b.jitter!r}
RETRY_AFTER_MAX = {b.retry_after_max!r}
TIMEOUT = {b.timeout!r}
DEBUG_ENV = {json.dumps(b.debug_env)}
DEBUG_VALUE = {json.dumps(b.debug_value)}
REQUEST_ID_HEADER = {json.dumps(b.request_id_header)}
USER_AGENT = {json.dumps(b.user_agent)}
REDACTED_HEADERS = frozenset({{{", ".join(json.dumps(h) for h in b.redacted_headers)}}})
REDACTED_FIELDS = frozenset({{{", ".join(json.dumps(f) for f in b.redacted_fields)}}})
'''


TYPESCRIPT_PACKAGE = REPO_ROOT / "clients" / "typescript" / "package.json"


def render_typescript(b: Behaviour) -> str:
    """`src/behaviour.ts`, with the package's name and version for the User-Agent."""
    package = json.loads(TYPESCRIPT_PACKAGE.read_text())

    def strings(values: tuple[str, ...]) -> str:
        return ", ".join(json.dumps(v) for v in values)

    return f"""// How the SDK behaves on the wire.
// {HEADER}

export const SDK_NAME = {json.dumps(package["name"])};
export const SDK_VERSION = {json.dumps(package["version"])};
export const MAX_RETRIES = {b.max_retries};
export const RETRY_STATUSES: readonly number[] = [{", ".join(map(str, b.retry_statuses))}];
export const RETRY_SERVER_ERRORS = {json.dumps(b.retry_server_errors)};
export const IDEMPOTENT_METHODS: readonly string[] = [{strings(b.idempotent_methods)}];
export const INITIAL_RETRY_DELAY_SECONDS = {b.initial_delay!r};
export const MAX_RETRY_DELAY_SECONDS = {b.max_delay!r};
export const RETRY_JITTER = {b.jitter!r};
export const RETRY_AFTER_MAX_SECONDS = {b.retry_after_max!r};
export const TIMEOUT_SECONDS = {b.timeout!r};
export const DEBUG_ENV = {json.dumps(b.debug_env)};
export const DEBUG_VALUE = {json.dumps(b.debug_value)};
export const REQUEST_ID_HEADER = {json.dumps(b.request_id_header)};
export const USER_AGENT = {json.dumps(b.user_agent)};
export const REDACTED_HEADERS: readonly string[] = [{strings(b.redacted_headers)}];
export const REDACTED_FIELDS: readonly string[] = [{strings(b.redacted_fields)}];
"""


def render_java(b: Behaviour) -> str:
    """`ai/aifabrix/miso/Behaviour.java`."""

    def strings(values: tuple[str, ...]) -> str:
        return ", ".join(json.dumps(v) for v in values)

    numbers = ", ".join(map(str, b.retry_statuses))
    return f"""// How the SDK behaves on the wire.
// {HEADER}
package ai.aifabrix.miso;

import java.util.Set;

/** The SDK's retry, timeout, debug-log and User-Agent facts, shared with the other SDKs. */
public final class Behaviour {{
    private Behaviour() {{}}

    public static final int MAX_RETRIES = {b.max_retries};
    public static final Set<Integer> RETRY_STATUSES = Set.of({numbers});
    public static final boolean RETRY_SERVER_ERRORS = {json.dumps(b.retry_server_errors)};
    public static final Set<String> IDEMPOTENT_METHODS = Set.of({strings(b.idempotent_methods)});
    public static final double INITIAL_RETRY_DELAY_SECONDS = {b.initial_delay!r};
    public static final double MAX_RETRY_DELAY_SECONDS = {b.max_delay!r};
    public static final double RETRY_JITTER = {b.jitter!r};
    public static final double RETRY_AFTER_MAX_SECONDS = {b.retry_after_max!r};
    public static final double TIMEOUT_SECONDS = {b.timeout!r};
    public static final String DEBUG_ENV = {json.dumps(b.debug_env)};
    public static final String DEBUG_VALUE = {json.dumps(b.debug_value)};
    public static final String REQUEST_ID_HEADER = {json.dumps(b.request_id_header)};
    public static final String USER_AGENT = {json.dumps(b.user_agent)};
    public static final Set<String> REDACTED_HEADERS = Set.of({strings(b.redacted_headers)});
    public static final Set<String> REDACTED_FIELDS = Set.of({strings(b.redacted_fields)});
}}
"""


TARGETS: dict[Path, Callable[[Behaviour], str]] = {
    REPO_ROOT / "clients" / "python" / "miso_client" / "_behaviour.py": render_python,
    REPO_ROOT / "clients" / "typescript" / "src" / "behaviour.ts": render_typescript,
    REPO_ROOT
    / "clients"
    / "java"
    / "src"
    / "main"
    / "java"
    / "ai"
    / "aifabrix"
    / "miso"
    / "Behaviour.java": render_java,
}


def rendered(path: Path = DESCRIPTION) -> dict[Path, str]:
    """Each SDK's constants file and the text it should hold."""
    behaviour = load(path)
    return {target: render(behaviour) for target, render in TARGETS.items()}
