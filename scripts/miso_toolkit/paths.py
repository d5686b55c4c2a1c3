"""Where the project's files live, so no module hard-codes a relative path of its own."""

from miso_contract import bundle_path, checkout_root
from miso_contract._location import _CHECKOUT

# A checkout's root; from an installed wheel this is where the package would sit in one.
REPO_ROOT = checkout_root() or _CHECKOUT
OPENAPI_DIR = REPO_ROOT / "openapi"
SPEC_ROOT = OPENAPI_DIR / "miso.yaml"
BUNDLE = bundle_path()
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
