"""The SDKs the docs page offers for download, found in the checkout and built from it.

Every directory under `clients/` may be an SDK; how it is packaged depends on what it holds: a
`pyproject.toml` gives a wheel, a `package.json` an npm tarball (and its browser bundle, when the
package exports one as `./browser`), any other with a README a source archive. So an SDK that
lands later is offered without a change here, and a packaging of its own is one more function in
`PACKAGINGS`.

Packages are built from the SDK's own sources the first time one is asked for, and kept in a
cache directory keyed by a fingerprint of those sources: nothing is downloaded from a registry.
The mock installed from a wheel has no `clients/` and offers no SDK.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import miso_contract

CACHE_ENV = "MISO_SDK_CACHE"
BUILD_TIMEOUT = 900  # seconds; a first TypeScript build compiles twice and bundles once
# Never part of an SDK's sources: build output, installed dependencies, caches.
IGNORED = {
    "node_modules",
    "dist",
    "build",
    "target",
    "__pycache__",
    ".gradle",
    ".pytest_cache",
}
IGNORED_SUFFIXES = (".egg-info", ".pyc")


class BuildError(RuntimeError):
    """An SDK could not be packaged (the tool failed or is missing)."""


@dataclass(frozen=True)
class Artifact:
    """One downloadable file of an SDK."""

    filename: str
    description: str
    media_type: str


@dataclass(frozen=True)
class Sdk:
    """An SDK of the checkout, what it offers, and how to use it.

    `install` and `usage` are snippets with `{base}` (the mock's address), `{url}` (the first
    artifact's download address), `{client_id}` and `{client_secret}` left to fill in.
    """

    name: str
    language: str
    version: str
    source: Path
    artifacts: tuple[Artifact, ...]
    install: str
    usage: str
    usage_language: str
    build: Callable[[Path, Path], None] = field(repr=False, compare=False)

    def artifact(self, filename: str) -> Artifact | None:
        return next((a for a in self.artifacts if a.filename == filename), None)


def _ignored(path: Path) -> bool:
    return path.name in IGNORED or path.name.endswith(IGNORED_SUFFIXES)


def source_files(root: Path) -> Iterator[Path]:
    """The SDK's sources, in a stable order, without build output or installed dependencies."""
    for path in sorted(root.iterdir()):
        if _ignored(path) or path.name.startswith("."):
            continue
        if path.is_dir():
            yield from source_files(path)
        elif path.is_file():
            yield path


def fingerprint(sdk: Sdk) -> str:
    """A digest of everything a package of `sdk` is built from (and how it is packaged)."""
    digest = hashlib.sha256(f"{sdk.name}\0{sdk.version}\0{sdk.build.__name__}\0".encode())
    for path in source_files(sdk.source):
        digest.update(str(path.relative_to(sdk.source)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _copy_sources(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=lambda _, names: [n for n in names if _ignored(Path(n))])


def _run(command: list[str], cwd: Path) -> None:
    try:
        result = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"{command[0]} failed: {exc}") from exc
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-2000:]
        raise BuildError(f"`{' '.join(command)}` exited with {result.returncode}:\n{tail}")


# -- Python: a wheel ------------------------------------------------------------------------------


def _wheel_name(project: str, version: str) -> str:
    """The file name of a pure-Python wheel (names and versions normalised as wheels spell them)."""
    return f"{re.sub(r'[-_.]+', '_', project).lower()}-{version}-py3-none-any.whl"


def _python_sdk(source: Path) -> Sdk | None:
    pyproject = source / "pyproject.toml"
    if not pyproject.is_file():
        return None
    project = tomllib.loads(pyproject.read_text())["project"]
    wheel = _wheel_name(project["name"], project["version"])

    def build_wheel(sdk_source: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="miso-sdk-python-") as tmp:
            copy = Path(tmp) / "src"
            _copy_sources(sdk_source, copy)
            pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
            _run([*pip, "--disable-pip-version-check", "-w", str(out), str(copy)], Path(tmp))
        if not (out / wheel).is_file():
            raise BuildError(f"pip built {sorted(p.name for p in out.iterdir())}, not {wheel}")

    return Sdk(
        name=source.name,
        language="Python",
        version=project["version"],
        source=source,
        artifacts=(Artifact(wheel, "wheel (Python 3.11+)", "application/zip"),),
        install="pip install {url}",
        usage=(
            "from miso_client import MisoClient\n\n"
            'client = MisoClient(base_url="{base}", client_id="{client_id}", '
            'client_secret="{client_secret}")\n'
            "for app in client.applications.list().data:\n"
            "    print(app.name)\n"
        ),
        usage_language="python",
        build=build_wheel,
    )


# -- TypeScript / JavaScript: an npm tarball and the browser bundle --------------------------------


def _browser_bundle(package: dict[str, object]) -> str | None:
    """The file the package exports as `./browser`, if it does."""
    exports = package.get("exports")
    entry = exports.get("./browser") if isinstance(exports, dict) else None
    if isinstance(entry, dict):
        entry = entry.get("default")
    return entry if isinstance(entry, str) else None


def _npm_sdk(source: Path) -> Sdk | None:
    manifest = source / "package.json"
    if not manifest.is_file():
        return None
    package = json.loads(manifest.read_text())
    name, version = str(package["name"]), str(package["version"])
    tarball = f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    browser = _browser_bundle(package)
    artifacts = [Artifact(tarball, "npm package (ES modules and CommonJS)", "application/gzip")]
    if browser is not None:
        artifacts.append(
            Artifact(
                Path(browser).name,
                "browser build: one ES module, no bare imports",
                "text/javascript; charset=utf-8",
            )
        )

    def build_npm(sdk_source: Path, out: Path) -> None:
        npm = shutil.which("npm")
        if npm is None:
            raise BuildError("npm is not on PATH")
        with tempfile.TemporaryDirectory(prefix="miso-sdk-npm-") as tmp:
            copy = Path(tmp) / "package"
            _copy_sources(sdk_source, copy)
            installed = sdk_source / "node_modules"
            if installed.is_dir():  # the checkout's own, pinned by its lock file
                (copy / "node_modules").symlink_to(installed, target_is_directory=True)
            else:
                _run([npm, "ci", "--no-audit", "--no-fund"], copy)
            _run([npm, "pack", "--silent", "--pack-destination", str(out)], copy)
            if browser is not None:
                shutil.copyfile(copy / browser, out / Path(browser).name)
        if not (out / tarball).is_file():
            raise BuildError(f"npm pack built {sorted(p.name for p in out.iterdir())}")

    usage = (
        'import {{ MisoClient }} from "' + name + '";\n\n'
        'const client = new MisoClient({{ baseUrl: "{base}", clientId: "{client_id}", '
        'clientSecret: "{client_secret}" }});\n'
        "for (const app of (await client.applications.list()).data) console.log(app.name);\n"
    )
    return Sdk(
        name=source.name,
        language="TypeScript / JavaScript",
        version=version,
        source=source,
        artifacts=tuple(artifacts),
        install="npm install {url}",
        usage=usage,
        usage_language="javascript",
        build=build_npm,
    )


# -- Anything else: its sources --------------------------------------------------------------


def _source_archive_sdk(source: Path) -> Sdk | None:
    """Any other SDK that documents itself: a directory of generator settings alone is none."""
    if not (source / "README.md").is_file():
        return None
    archive = f"miso-{source.name}-sdk-source.tar.gz"

    def build_source_archive(sdk_source: Path, out: Path) -> None:
        with tarfile.open(out / archive, "w:gz") as tar:
            for path in source_files(sdk_source):
                tar.add(path, arcname=f"{sdk_source.name}/{path.relative_to(sdk_source)}")

    return Sdk(
        name=source.name,
        language=source.name.capitalize(),
        version="source",
        source=source,
        artifacts=(Artifact(archive, "sources, generated from this contract", "application/gzip"),),
        install="curl -O {url} && tar xzf " + archive,
        usage=f"# see {source.name}/README.md in the archive for building and using it\n",
        usage_language="bash",
        build=build_source_archive,
    )


# Tried in order for each directory under clients/; the first that recognises it packages it.
PACKAGINGS: tuple[Callable[[Path], Sdk | None], ...] = (
    _python_sdk,
    _npm_sdk,
    _source_archive_sdk,
)


def discover(clients: Path | None = None) -> tuple[Sdk, ...]:
    """The SDKs under `clients` (the checkout's `clients/` by default), by directory name."""
    if clients is None:
        root = miso_contract.checkout_root()
        if root is None:
            return ()
        clients = root / "clients"
    if not clients.is_dir():
        return ()
    found: list[Sdk] = []
    for source in sorted(p for p in clients.iterdir() if p.is_dir() and not _ignored(p)):
        for packaging in PACKAGINGS:
            sdk = packaging(source)
            if sdk is not None:
                found.append(sdk)
                break
    return tuple(found)


def cache_root() -> Path:
    """Where built packages are kept: `$MISO_SDK_CACHE`, else the user's cache directory."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "miso-mock" / "sdk"


def built(sdk: Sdk, cache: Path | None = None) -> Path:
    """The directory holding `sdk`'s artifacts, building them first if the cache has none.

    A build writes into a directory of its own and is renamed into place when complete, so
    concurrent builds (replicas, workers) never see each other's half-written files.
    """
    target = (cache or cache_root()) / f"{sdk.name}-{fingerprint(sdk)}"
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        sdk.build(sdk.source, scratch)
        missing = [a.filename for a in sdk.artifacts if not (scratch / a.filename).is_file()]
        if missing:
            raise BuildError(f"the {sdk.name} SDK's build produced no {', '.join(missing)}")
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():  # not lost to a concurrent build of the same sources
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
