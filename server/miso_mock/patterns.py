"""JSON Schema `pattern` with the meaning JSON Schema gives it: an ECMA-262 regular expression.

Connexion validates with Python's `re`, which reads the same pattern differently: `$` also
matches before a final newline (so `^[a-z0-9-]+$` lets `"my-app\\n"` through), `\\s` counts
the separators U+001C..U+001F as space (so `^\\S+$` turns away values ECMA accepts), and `\\d`,
`\\w` and `.` differ for non-ASCII text. Patterns are translated to Python syntax with ECMA
semantics before they are matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import ValidationError

# ECMA-262 WhiteSpace and LineTerminator, the members of `\s`.
_SPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DIGIT = "0-9"
_WORD = "A-Za-z0-9_"
_CLASSES = {"d": _DIGIT, "w": _WORD, "s": _SPACE}
# `.` matches anything but a line terminator.
_DOT = r"[^\n\r\u2028\u2029]"


def _class_escape(letter: str, *, in_class: bool) -> str | None:
    members = _CLASSES.get(letter.lower())
    if members is None:
        return None
    if letter.islower():
        return members if in_class else f"[{members}]"
    if in_class:
        return None  # a negated class inside a class has no plain expansion
    return f"[^{members}]"


def to_python(pattern: str) -> str:
    """The Python `re` pattern that matches what the ECMA-262 `pattern` matches."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            expansion = _class_escape(escaped, in_class=in_class)
            if expansion is None and escaped.lower() in _CLASSES:
                raise ValueError(f"cannot translate \\{escaped} inside a class in {pattern!r}")
            out.append(expansion if expansion is not None else f"\\{escaped}")
            i += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append("\\[" if char == "[" else char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "$":
            out.append(r"\Z")
        elif char == ".":
            out.append(_DOT)
        elif pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")  # a named group
            i += 3
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(to_python(pattern))
    except (ValueError, re.error):
        return re.compile(pattern)  # outside what is translated: Python's reading


def ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """The `pattern` keyword for jsonschema validators (unanchored search, as JSON Schema says)."""
    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")
