"""A (possibly split) document read into one, remembering which file each part came from.

File `$ref`s are inlined; internal `#/...` refs are kept, so component names survive (the
bundle and the SDK generators depend on them). Each file boundary is recorded: any pointer into
the inlined document maps back to `(file, pointer inside that file)` by its longest recorded
prefix, so every problem can name the file a reader has to open.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import yaml

from ._pointer import DocPath, from_pointer, get, to_pointer
from ._problem import Problem

# libyaml's parser when PyYAML has it (its wheels do): a sixth of the pure-Python time.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceError(Exception):
    """A file is missing or is not YAML; reported on the file that refers to it."""


def read_yaml(path: Path) -> Any:
    """Parse one YAML (or JSON) file. The result may be shared between calls: never mutate it."""
    try:
        return parse_text(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"cannot read {path.name}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path.name} is not UTF-8 text: {exc.reason}") from exc
    except yaml.YAMLError as exc:
        raise SourceError(f"{path.name} is not valid YAML: {exc}") from exc


@functools.lru_cache(maxsize=1024)
def parse_text(text: str) -> Any:
    """Building Python objects is most of a load; files rarely change between two loads."""
    return yaml.load(text, Loader=_Loader)


@dataclass
class Source:
    """The inlined document plus the map from document pointers to file locations."""

    root: Path
    document: dict[str, Any]
    origins: dict[DocPath, tuple[Path, DocPath]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    base: Path | None = None  # file names are shown relative to this folder

    @classmethod
    def load(cls, root: Path, *, base: Path | None = None) -> Self:
        """Read `root` and inline every file `$ref`; unreadable files become problems.

        Raises `SourceError` only when `root` itself cannot be read as a mapping.
        """
        root = root.resolve()
        source = cls(root=root, document={}, base=base)
        document = read_yaml(root)
        if not isinstance(document, dict):
            raise SourceError(f"{root.name} is not a mapping")
        source.origins[()] = (root, ())
        source.document = source._inline(document, root, (), (), frozenset())
        return source

    def display(self, file: Path) -> str:
        if self.base is not None:
            try:
                return file.relative_to(self.base).as_posix()
            except ValueError:
                pass
        return file.as_posix()

    def locate(self, path: DocPath) -> tuple[str, str]:
        """The file and the pointer inside it that hold the document location `path`."""
        for cut in range(len(path), -1, -1):
            origin = self.origins.get(path[:cut])
            if origin is not None:
                file, inner = origin
                return self.display(file), to_pointer(inner + path[cut:])
        return self.display(self.root), to_pointer(path)

    def problem(self, path: DocPath, message: str) -> Problem:
        file, pointer = self.locate(path)
        return Problem(file, pointer, message)

    def _inline(
        self, node: Any, file: Path, inner: DocPath, here: DocPath, seen: frozenset[Path]
    ) -> Any:
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

    def _follow(
        self, ref: str, file: Path, inner: DocPath, here: DocPath, seen: frozenset[Path]
    ) -> Any:
        target_name, _, fragment = ref.partition("#")
        if "://" in target_name:
            self.problems.append(self.problem(here, f"remote reference {ref} is not followed"))
            return {"$ref": ref}
        target = (file.parent / target_name).resolve()
        if target in seen:
            self.problems.append(self.problem(here, f"circular file reference to {target_name}"))
            return {}
        try:
            content = read_yaml(target)
        except SourceError as exc:
            self.problems.append(
                Problem(self.display(file), to_pointer((*inner, "$ref")), str(exc))
            )
            return {}
        target_inner = from_pointer(fragment)
        content = get(content, target_inner)
        self.origins[here] = (target, target_inner)
        return self._inline(content, target, target_inner, here, seen | {target})
