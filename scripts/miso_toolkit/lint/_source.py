"""The split spec as one document that still knows which file each part came from.

Rules inspect the inlined document (what the bundle holds) but must tell authors which split
file to open. Inlining is done here rather than by prance so that rules run on a spec that does
not validate yet, and so each file boundary is recorded: any bundle pointer maps back to
`(file, pointer inside that file)` by its longest recorded prefix.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ._finding import Finding
from ._pointer import Path as DocPath
from ._pointer import from_pointer, get, to_pointer

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A split file is missing or is not YAML; reported on the file that refers to it."""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file. The result may be shared between calls: never mutate it."""
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"cannot read {path.name}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SourceError(f"{path.name} is not valid YAML: {exc}") from exc


@functools.lru_cache(maxsize=1024)
def _parse(text: str) -> Any:
    """Building Python objects is most of a load; files rarely change between two loads."""
    return yaml.load(text, Loader=_Loader)


@dataclass
class SplitSpec:
    """The inlined document plus the map from bundle pointers to split-file locations."""

    root: Path
    document: dict[str, Any]
    origins: dict[DocPath, tuple[Path, DocPath]] = field(default_factory=dict)
    load_errors: list[Finding] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path) -> SplitSpec:
        """Read `root` and inline every file `$ref`, keeping `#/...` refs as the bundle does."""
        root = root.resolve()
        spec = cls(root=root, document={})
        document = read_yaml(root)
        if not isinstance(document, dict):
            raise SourceError(f"{root.name} is not a mapping")
        spec.origins[()] = (root, ())
        spec.document = spec._inline(document, root, (), (), set())
        return spec

    @property
    def base(self) -> Path:
        """File names are shown relative to the folder that holds the spec folder (the repo)."""
        return self.root.parent.parent

    def display(self, file: Path) -> str:
        try:
            return file.relative_to(self.base).as_posix()
        except ValueError:
            return file.as_posix()

    def locate(self, path: DocPath) -> tuple[str, str]:
        """The split file and the pointer inside it that hold the bundle location `path`."""
        for cut in range(len(path), -1, -1):
            origin = self.origins.get(path[:cut])
            if origin is not None:
                file, inner = origin
                return self.display(file), to_pointer(inner + path[cut:])
        return self.display(self.root), to_pointer(path)

    def finding(self, rule: str, path: DocPath, message: str) -> Finding:
        file, pointer = self.locate(path)
        return Finding(file, pointer, message, rule)

    def get(self, path: DocPath) -> Any:
        return get(self.document, path)

    def resolve(self, path: DocPath) -> tuple[DocPath, Any]:
        """Follow internal `$ref`s from `path` to the object they name (at most 20 hops)."""
        node = self.get(path)
        for _ in range(20):
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#"):
                break
            path = from_pointer(ref)
            node = self.get(path)
        return path, node

    def _inline(self, node: Any, file: Path, inner: DocPath, here: DocPath, seen: set[Path]) -> Any:
        if isinstance(node, list):
            return [
                self._inline(item, file, (*inner, str(i)), (*here, str(i)), seen)
                for i, item in enumerate(node)
            ]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return self._follow(ref, file, inner, here, seen)
        # Keys become strings (YAML reads `200:` as an int) so pointers and lookups agree.
        return {
            str(key): self._inline(value, file, (*inner, str(key)), (*here, str(key)), seen)
            for key, value in node.items()
        }

    def _follow(self, ref: str, file: Path, inner: DocPath, here: DocPath, seen: set[Path]) -> Any:
        target_name, _, fragment = ref.partition("#")
        target = (file.parent / target_name).resolve()
        if target in seen:
            self.load_errors.append(
                self.finding("spec-valid", here, f"circular file reference to {target_name}")
            )
            return {}
        try:
            content = read_yaml(target)
        except SourceError as exc:
            file_name, pointer = self.display(file), to_pointer((*inner, "$ref"))
            self.load_errors.append(Finding(file_name, pointer, str(exc), "spec-valid"))
            return {}
        target_inner = from_pointer(fragment)
        content = get(content, target_inner)
        self.origins[here] = (target, target_inner)
        return self._inline(content, target, target_inner, here, seen | {target})
