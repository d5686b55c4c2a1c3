"""`miso clients`: regenerate the SDKs from the bundled spec, or (`--check`) report drift.

Generated code is checked in and never edited by hand; this command is the only writer. Each SDK
has one `regenerate_<language>(check)` function returning whether its tree is (now) current, so
another SDK slots in by adding a function to `SDKS`.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from miso_toolkit import sdk_behaviour, unasync
from miso_toolkit.paths import BUNDLE, REPO_ROOT

PYTHON_SDK = REPO_ROOT / "clients" / "python"
PYTHON_CONFIG = PYTHON_SDK / "openapi-python-client.yaml"
PYTHON_TEMPLATES = PYTHON_SDK / "templates"  # overrides of upstream templates, each says why
PYTHON_PACKAGE = PYTHON_SDK / "miso_api_client"
TYPESCRIPT_SDK = REPO_ROOT / "clients" / "typescript"
JAVA_SDK = REPO_ROOT / "clients" / "java"
JAVA_CONFIG = JAVA_SDK / "openapi-generator.yaml"
JAVA_TEMPLATES = JAVA_SDK / "templates"  # overrides of upstream templates, each says why
JAVA_IGNORE = JAVA_SDK / "generator-ignore"  # what openapi-generator must not write
JAVA_GENERATED = JAVA_SDK / "src" / "generated" / "java"

# Written into the generated package after generation: `--meta none` emits no PEP 561 marker.
PY_TYPED = "# Marker file for PEP 561: this package ships its own type hints.\n"
IGNORED = {"__pycache__"}


class GenerationError(RuntimeError):
    """The generator failed or warned: the SDK would be incomplete, so nothing is written."""


def _tool_env() -> dict[str, str]:
    """The environment with this venv's bin first, so the generator's ruff hooks find ruff."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}


def generate_python(output: Path, spec: Path = BUNDLE, config: Path = PYTHON_CONFIG) -> None:
    """Run openapi-python-client on `spec`, writing the package to `output` (must not exist)."""
    generator = Path(sys.executable).with_name("openapi-python-client")
    command = [
        str(generator),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(config),
        "--custom-template-path",
        str(PYTHON_TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(output),
        "--fail-on-warning",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=_tool_env(), check=False)
    if result.returncode != 0 or not output.is_dir():
        raise GenerationError(f"openapi-python-client failed:\n{result.stdout}{result.stderr}")
    (output / "py.typed").write_text(PY_TYPED)


def tree_differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different in `actual` compared to `expected`."""
    differences: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        for name in sorted(comparison.left_only):
            differences.append(f"missing: {prefix}{name}")
        for name in sorted(comparison.right_only):
            differences.append(f"extra: {prefix}{name}")
        for name in sorted(comparison.common_files):
            left = Path(comparison.left) / name
            right = Path(comparison.right) / name
            if left.read_bytes() != right.read_bytes():
                differences.append(f"changed: {prefix}{name}")
        for name in sorted(comparison.funny_files):
            differences.append(f"changed: {prefix}{name}")
        for name, sub in sorted(comparison.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(expected, actual, ignore=sorted(IGNORED)), "")
    return differences


def regenerate_python(check: bool, target: Path = PYTHON_PACKAGE) -> bool:
    """Regenerate the Python SDK's generated package; with `check`, only report drift."""
    with tempfile.TemporaryDirectory(prefix="miso-clients-") as tmp:
        fresh = Path(tmp) / "miso_api_client"
        generate_python(fresh)
        return _replace_tree(check, "python", fresh, target)


def _replace_tree(check: bool, name: str, fresh: Path, target: Path) -> bool:
    """With `check`, report how `target` differs from `fresh`; otherwise make it a copy."""
    if check:
        differences = tree_differences(fresh, target) if target.is_dir() else ["missing: all"]
        for line in differences:
            print(f"{name} SDK drift in {target}: {line}", file=sys.stderr)
        if differences:
            print("run `make clients` to regenerate", file=sys.stderr)
        return not differences
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(fresh, target)
    shown = target.relative_to(REPO_ROOT) if target.is_relative_to(REPO_ROOT) else target
    print(f"{name} SDK: regenerated {shown}")
    return True


def openapi_generator_jar() -> Path:
    """The jar that the pinned `openapi-generator-cli` PyPI package ships."""
    return Path(str(resources.files("openapi_generator_cli") / "openapi-generator.jar"))


def generate_java(output: Path, spec: Path = BUNDLE) -> Path:
    """Run openapi-generator's `java` generator (native library) into `output`; return its sources.

    The ignore file is laid into `output` first: the generator honours an existing one there.
    """
    java = shutil.which("java")
    if java is None:
        raise GenerationError("java is not on PATH (the Java SDK's generator is a jar)")
    output.mkdir(parents=True)
    shutil.copyfile(JAVA_IGNORE, output / ".openapi-generator-ignore")
    command = [
        java,
        "-jar",
        str(openapi_generator_jar()),
        "generate",
        "--input-spec",
        str(spec),
        "--config",
        str(JAVA_CONFIG),
        "--template-dir",
        str(JAVA_TEMPLATES),
        "--output",
        str(output),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    sources = output / "src" / "main" / "java"
    if result.returncode != 0 or not sources.is_dir():
        raise GenerationError(f"openapi-generator failed:\n{result.stdout}{result.stderr}")
    return sources


def regenerate_java(check: bool, target: Path = JAVA_GENERATED) -> bool:
    """Regenerate the Java SDK's generated sources; with `check`, only report drift.

    Without a JDK there is nothing to run the generator with: say so and skip.
    """
    if shutil.which("java") is None:
        print("java SDK: skipped (no `java` on PATH; install a JDK 17)", file=sys.stderr)
        return True
    with tempfile.TemporaryDirectory(prefix="miso-clients-") as tmp:
        fresh = generate_java(Path(tmp) / "java")
        return _replace_tree(check, "java", fresh, target)


def regenerate_behaviour(check: bool) -> bool:
    """Write `clients/sdk-behaviour.json` into each SDK's constants file; with `check`, compare."""
    ok = True
    for target, text in sdk_behaviour.rendered().items():
        current = target.read_text() if target.exists() else None
        if current == text:
            continue
        shown = target.relative_to(REPO_ROOT)
        if check:
            print(f"behaviour drift in {shown}: run `make clients`", file=sys.stderr)
            ok = False
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            print(f"behaviour: regenerated {shown}")
    return ok


def regenerate_typescript(check: bool) -> bool:
    """Delegate to the TypeScript SDK's own npm scripts (`generate`, `check-generated`).

    The TypeScript generator's options live in `clients/typescript/scripts/`; this command only
    runs them, and skips with a note when the script or npm is missing.
    """
    script = "check-generated" if check else "generate"
    package = TYPESCRIPT_SDK / "package.json"
    scripts = json.loads(package.read_text()).get("scripts", {}) if package.exists() else {}
    if script not in scripts:
        print(f"typescript SDK: skipped (no `{script}` script in clients/typescript/package.json)")
        return True
    npm = shutil.which("npm")
    if npm is None:
        print("typescript SDK: skipped (npm is not on PATH)", file=sys.stderr)
        return True
    result = subprocess.run([npm, "run", "--silent", script], cwd=TYPESCRIPT_SDK, check=False)
    return result.returncode == 0


SDKS: dict[str, Callable[[bool], bool]] = {
    "behaviour": regenerate_behaviour,
    "python": regenerate_python,
    "python-sync": unasync.regenerate,
    "typescript": regenerate_typescript,
    "java": regenerate_java,
}


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="miso clients", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="regenerate into a temp dir; exit 1 on drift"
    )
    parser.add_argument(
        "--sdk", choices=sorted(SDKS), action="append", help="only these SDKs (default: all)"
    )
    args = parser.parse_args(argv)
    ok = True
    for name in args.sdk or list(SDKS):
        try:
            ok = SDKS[name](args.check) and ok
        except GenerationError as exc:
            print(f"{name} SDK: {exc}", file=sys.stderr)
            ok = False
    return 0 if ok else 1
