"""Build hook: a wheel carries the files the installed `miso` reads besides its code.

They go where `miso_contract.bundle_path()` and `miso_toolkit.paths` look when no checkout is
there. An editable install gets none: it reads them in the checkout, where they are kept.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# repository file -> its place in the wheel
PACKAGE_FILES = {
    "openapi/dist/miso.yaml": "miso_contract/miso.yaml",
    "schemathesis.toml": "miso_toolkit/conform/schemathesis.toml",
}


class PackageFilesHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            build_data["force_include"].update(PACKAGE_FILES)
