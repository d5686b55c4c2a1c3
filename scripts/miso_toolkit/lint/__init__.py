"""`miso lint`: the spec validates, keeps the project's contract rules, and the code is clean.

Findings name the split file a problem lives in and a JSON pointer inside it
(`openapi/paths/applications.yaml#/get/operationId: ...`), because that is what gets edited.
"""

from ._cli import main, spec_findings
from ._finding import Finding
from ._rules import RULES, contract_findings
from ._rules_seeds import check_seed_operations
from ._source import SplitSpec
from ._validation import check_bundle_fresh, check_bundle_valid, check_split_valid

__all__ = [
    "RULES",
    "Finding",
    "SplitSpec",
    "check_bundle_fresh",
    "check_bundle_valid",
    "check_seed_operations",
    "check_split_valid",
    "contract_findings",
    "main",
    "spec_findings",
]
