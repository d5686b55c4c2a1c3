"""Fixtures for the spec suite: the real spec (bundle read once) and editable copies of it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from miso_toolkit.bundle import load_bundled
from miso_toolkit.lint import SplitSpec
from miso_toolkit.paths import BUNDLE, OPENAPI_DIR, SPEC_ROOT

Edit = Callable[[Any], object]


class SpecCopy:
    """A copy of `openapi/` under tmp_path; `edit` rewrites one split file through a function.

    Files are hard links to the real ones (fast); every write replaces the link first.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.dir = base / "openapi"
        try:
            shutil.copytree(OPENAPI_DIR, self.dir, copy_function=os.link)
        except OSError:  # tmp on another file system: plain copies
            shutil.rmtree(self.dir, ignore_errors=True)
            shutil.copytree(OPENAPI_DIR, self.dir)

    @property
    def root(self) -> Path:
        return self.dir / "miso.yaml"

    @property
    def bundle(self) -> Path:
        return self.dir / "dist" / "miso.yaml"

    def edit(self, relative: str, change: Edit) -> None:
        """Load `openapi/<relative>`, let `change` mutate it in place, save it."""
        path = self.dir / relative
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        self.write(relative, yaml.safe_dump(document, sort_keys=False))

    def write(self, relative: str, text: str) -> None:
        """Replace (never write through) the file, which may be a link to the real spec."""
        path = self.dir / relative
        path.unlink(missing_ok=True)
        path.write_text(text, encoding="utf-8")

    def load(self) -> SplitSpec:
        return SplitSpec.load(self.root)


@pytest.fixture
def spec_copy(tmp_path: Path) -> SpecCopy:
    return SpecCopy(tmp_path)


@pytest.fixture(scope="session")
def bundle() -> dict[str, Any]:
    """The checked-in bundle (test_bundle.py proves it is current)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: dict[str, Any] = yaml.load(BUNDLE.read_text(encoding="utf-8"), Loader=loader)
    return document


@pytest.fixture(scope="session")
def fresh_bundle() -> dict[str, Any]:
    """The split spec resolved now, as `miso bundle` would write it (slow: once)."""
    return load_bundled(SPEC_ROOT)
