"""Where the project's files live, so no module hard-codes a relative path of its own."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
OPENAPI_DIR = REPO_ROOT / "openapi"
SPEC_ROOT = OPENAPI_DIR / "miso.yaml"
BUNDLE = OPENAPI_DIR / "dist" / "miso.yaml"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
