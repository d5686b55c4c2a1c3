"""Contract rules on responses: the error envelope, the common headers, and links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from miso_contract import RATE_LIMIT_HEADERS, DocPath, Operation

from ._finding import Finding
from ._source import SplitSpec

ENVELOPE = "#/components/schemas/ErrorResponse"
COMMON_HEADERS = ("X-Request-ID", *RATE_LIMIT_HEADERS)
RATE_LIMITED = "429"
RETRY_AFTER = "Retry-After"
_LOCATIONS = {"path", "query", "header", "cookie"}


def api_responses(spec: SplitSpec) -> Iterator[tuple[Operation, str, DocPath, dict[str, Any]]]:
    """(operation, status, where the response object really lives, response) for API operations.

    Callbacks are skipped: their responses are the subscriber's, not Miso's.
    """
    for op in spec.contract.walk():
        responses = op.definition.get("responses")
        if op.callback or not isinstance(responses, dict):
            continue
        for code in responses:
            path, response = spec.resolve((*op.pointer, "responses", code))
            if isinstance(response, dict):
                yield op, code, path, response


def _uses_envelope(schema: Any) -> bool:
    """The envelope itself, or a oneOf/anyOf with the envelope as one branch (health's 503)."""
    if not isinstance(schema, dict):
        return False
    if schema.get("$ref") == ENVELOPE:
        return True
    branches = [*schema.get("oneOf", []), *schema.get("anyOf", [])]
    return any(isinstance(b, dict) and b.get("$ref") == ENVELOPE for b in branches)


def check_error_envelope(spec: SplitSpec) -> list[Finding]:
    """Every documented 4xx/5xx answers with the one error envelope clients parse."""
    found: set[Finding] = set()
    for _, code, path, response in api_responses(spec):
        if code[:1] not in {"4", "5"}:
            continue
        content = response.get("content")
        if not isinstance(content, dict) or not content:
            message = f"error response {code} has no body; it must use {ENVELOPE}"
            found.add(spec.finding("error-envelope", path, message))
            continue
        for media_type, media in content.items():
            schema = media.get("schema") if isinstance(media, dict) else None
            if not _uses_envelope(schema):
                where = (*path, "content", media_type, *(("schema",) if schema else ()))
                message = f"error response {code} ({media_type}) does not use {ENVELOPE}"
                found.add(spec.finding("error-envelope", where, message))
    return sorted(found)


def check_response_headers(spec: SplitSpec) -> list[Finding]:
    """Every response carries X-Request-ID and the rate-limit headers; 429 adds Retry-After."""
    found: set[Finding] = set()
    for _, code, path, response in api_responses(spec):
        headers = response.get("headers")
        present = {name.lower() for name in headers} if isinstance(headers, dict) else set()
        required = [*COMMON_HEADERS, *((RETRY_AFTER,) if code == RATE_LIMITED else ())]
        missing = [name for name in required if name.lower() not in present]
        if missing:
            where = (*path, "headers") if isinstance(headers, dict) else path
            message = f"response ({code}) lacks header(s) {', '.join(missing)}"
            found.add(spec.finding("response-headers", where, message))
    return sorted(found)


def _parameter_names(spec: SplitSpec, op: Operation) -> set[str]:
    names: set[str] = set()
    for owner in (op.pointer[:-1], op.pointer):
        params = spec.get((*owner, "parameters"))
        for index in range(len(params) if isinstance(params, list) else 0):
            _, param = spec.resolve((*owner, "parameters", str(index)))
            if isinstance(param, dict) and isinstance(param.get("name"), str):
                names.add(param["name"])
    return names


def check_links(spec: SplitSpec) -> list[Finding]:
    """Links name an existing operation and only parameters it takes, or stateful tests break."""
    by_id = {op.operation_id: op for op in spec.contract.walk() if op.operation_id}
    found: set[Finding] = set()
    for _, _, path, response in api_responses(spec):
        links = response.get("links")
        for name in links if isinstance(links, dict) else {}:
            link_path, link = spec.resolve((*path, "links", name))
            if not isinstance(link, dict) or "operationRef" in link:
                continue
            target = by_id.get(link.get("operationId", ""))
            if target is None:
                message = f"link {name} names no existing operation ({link.get('operationId')!r})"
                found.add(spec.finding("links", (*link_path, "operationId"), message))
                continue
            known = _parameter_names(spec, target)
            for parameter in link.get("parameters") or {}:
                location, _, bare = str(parameter).rpartition(".")
                if (bare if location in _LOCATIONS else parameter) not in known:
                    message = f"link {name}: {target.label} has no parameter {parameter!r}"
                    found.add(spec.finding("links", (*link_path, "parameters", parameter), message))
    return sorted(found)
