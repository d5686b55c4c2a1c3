"""Where the bundled spec is: found the same way in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# In a checkout this package sits in `<repo>/scripts/`; the repository has `openapi/` beside it.
_CHECKOUT = _PACKAGE.parents[1]


def checkout_root() -> Path | None:
    """The repository this package runs from, or None when it runs from an installed wheel."""
    if (_CHECKOUT / "openapi" / "miso.yaml").is_file() and (_CHECKOUT / "pyproject.toml").is_file():
        return _CHECKOUT
    return None


def project_root() -> Path:
    """The checkout's root; from an installed wheel, where a checkout would hold this package
    (paths under it then name files that are absent, which callers test for)."""
    return checkout_root() or _CHECKOUT


def bundle_path() -> Path:
    """The bundled spec (`openapi/dist/miso.yaml` in a checkout)."""
    root = checkout_root()
    if root is not None:
        return root / "openapi" / "dist" / "miso.yaml"
    return _PACKAGE / "miso.yaml"


def split_root() -> Path | None:
    """The split spec's root file, which only a checkout has."""
    root = checkout_root()
    return None if root is None else root / "openapi" / "miso.yaml"
