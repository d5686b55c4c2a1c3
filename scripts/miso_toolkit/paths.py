"""Where the project's files live, so no module hard-codes a relative path of its own."""

import os
from pathlib import Path

from miso_contract import bundle_path, checkout_root, project_root

# A checkout's root; from an installed wheel this is where the package would sit in one.
REPO_ROOT = project_root()
# False when this runs from an installed wheel: the split spec, SDK sources and tools are absent.
IN_CHECKOUT = checkout_root() is not None
OPENAPI_DIR = REPO_ROOT / "openapi"
SPEC_ROOT = OPENAPI_DIR / "miso.yaml"
BUNDLE = bundle_path()
# The conformance tuning: the checkout's file, or the copy an installed wheel carries.
SCHEMATHESIS_CONFIG = (
    REPO_ROOT / "schemathesis.toml"
    if IN_CHECKOUT
    else Path(__file__).resolve().parent / "conform" / "schemathesis.toml"
)

SEEDS_ENV = "MISO_SEEDS"
DEFAULT_SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
NO_SEEDS = (
    f"the API reference documents are not here (set {SEEDS_ENV}=DIR, "
    f"default {DEFAULT_SEEDS_DIR} when present)"
)


def seeds_dir() -> Path | None:
    """The API reference documents, an optional input: `$MISO_SEEDS`, else the default folder.

    They are not part of the repository. What the tests need from them is kept as the project's
    own test data; only the checks that compare against the documents themselves need them, and
    those skip (saying `NO_SEEDS`) when this is None. A `$MISO_SEEDS` that names no folder is
    still returned, so whoever set it hears that it is wrong instead of a silent skip.
    """
    chosen = os.environ.get(SEEDS_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return DEFAULT_SEEDS_DIR if DEFAULT_SEEDS_DIR.is_dir() else None


SEEDS_DIR = seeds_dir()
