"""`miso lint` finds nothing on the real spec, and its command line reports and exits right.

The split spec's validation and the bundle's freshness are in test_bundle.py.
"""

from __future__ import annotations

import pytest
from miso_toolkit.lint import SplitSpec, check_bundle_valid, contract_findings, main
from miso_toolkit.paths import BUNDLE, SEEDS_DIR, SPEC_ROOT

from .conftest import SpecCopy


def test_real_spec_keeps_every_contract_rule() -> None:
    found = contract_findings(SplitSpec.load(SPEC_ROOT), SEEDS_DIR)
    assert [str(f) for f in found] == []


def test_real_bundle_validates() -> None:
    assert [str(f) for f in check_bundle_valid(SplitSpec.load(SPEC_ROOT), BUNDLE)] == []


def test_command_fails_with_file_and_pointer_lines(
    spec_copy: SpecCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_copy.edit("paths/environments.yaml", lambda d: d["get"].pop("summary"))
    args = ["--spec-only", "--root", str(spec_copy.root), "--bundle", str(spec_copy.bundle)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "openapi/paths/environments.yaml#/get: listEnvironments has no summary" in out
    assert "openapi/dist/miso.yaml#: stale" in out
    assert out.rstrip().endswith("miso lint: failed (2 spec finding(s))")
