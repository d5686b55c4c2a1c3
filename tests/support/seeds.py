"""The API reference documents, an optional input of the tests (see `miso_toolkit.paths`).

Tests that compare against the documents themselves are marked `needs_seeds`; without them they
skip, all with the one reason that says how to provide them.
"""

from __future__ import annotations

import pytest
from miso_toolkit.paths import NO_SEEDS, SEEDS_DIR

REFERENCE_NAME = "miso-api-reference.md"

needs_seeds = pytest.mark.skipif(SEEDS_DIR is None, reason=NO_SEEDS)
