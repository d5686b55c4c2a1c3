"""The catalogue of contract rules: name -> check, each taking the located split spec."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..paths import SEEDS_DIR
from ._finding import Finding
from ._rules_components import check_unused_components
from ._rules_examples import check_examples
from ._rules_operations import check_auth_responses, check_operation_fields, check_operation_ids
from ._rules_responses import check_error_envelope, check_links, check_response_headers
from ._rules_seeds import check_seed_operations
from ._source import SplitSpec

Rule = Callable[[SplitSpec], list[Finding]]

RULES: dict[str, Rule] = {
    "operation-id": check_operation_ids,
    "operation-fields": check_operation_fields,
    "auth-responses": check_auth_responses,
    "error-envelope": check_error_envelope,
    "response-headers": check_response_headers,
    "links": check_links,
    "examples-valid": check_examples,
    "unused-components": check_unused_components,
}


def contract_findings(spec: SplitSpec, seeds_dir: Path | None = SEEDS_DIR) -> list[Finding]:
    """Every contract rule's findings, seed coverage included, sorted by file and pointer."""
    found = [finding for rule in RULES.values() for finding in rule(spec)]
    found += check_seed_operations(spec, seeds_dir)
    return sorted(set(found))
