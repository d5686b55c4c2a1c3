"""`format: uri` as RFC 3986 defines it.

Connexion's validator (jsonschema) checks `format: uri` only when the optional `rfc3987`
package is installed, so without this the mock stores `https://Ï` as a webhook URL and then
answers with a body that breaks its own schema.
"""

from __future__ import annotations

import ipaddress
import re

_UNRESERVED_SUB = r"A-Za-z0-9\-._~!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_URI = re.compile(
    rf"""
    (?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):
    (?:
        //(?P<authority>[^/?\#]*)
        (?:/(?:[{_UNRESERVED_SUB}:@]|{_PCT})*)*
      | (?:/?(?:[{_UNRESERVED_SUB}:@]|{_PCT})+(?:/(?:[{_UNRESERVED_SUB}:@]|{_PCT})*)*)?
    )
    (?:\?(?:[{_UNRESERVED_SUB}:@/?]|{_PCT})*)?
    (?:\#(?:[{_UNRESERVED_SUB}:@/?]|{_PCT})*)?
    """,
    re.VERBOSE,
)
_AUTHORITY = re.compile(
    rf"""
    (?:(?:[{_UNRESERVED_SUB}:]|{_PCT})*@)?
    (?:\[(?P<literal>[^\]]*)\]|(?:[{_UNRESERVED_SUB}]|{_PCT})*)
    (?::[0-9]*)?
    """,
    re.VERBOSE,
)
_IP_FUTURE = re.compile(rf"v[0-9A-Fa-f]+\.[{_UNRESERVED_SUB}:]+")


def is_uri(text: str) -> bool:
    """Whether `text` is an absolute URI (RFC 3986 §3), the meaning of `format: uri`."""
    match = _URI.fullmatch(text)
    if match is None:
        return False
    authority = match.group("authority")
    if authority is None:
        return True
    parts = _AUTHORITY.fullmatch(authority)
    if parts is None:
        return False
    literal = parts.group("literal")
    if literal is None:
        return True
    if _IP_FUTURE.fullmatch(literal):
        return True
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return "%" not in literal  # zone identifiers are RFC 6874, not RFC 3986
