"""How the mock finds the SDKs it offers and keeps their packages (no server, no real build)."""

from __future__ import annotations

import dataclasses
import json
import tarfile
from pathlib import Path

import pytest
from miso_mock import sdk_packages
from miso_mock.sdk_packages import BuildError, Sdk, built, discover, fingerprint


def _clients(root: Path) -> Path:
    clients = root / "clients"
    (clients / "python" / "pkg").mkdir(parents=True)
    (clients / "python" / "pyproject.toml").write_text(
        '[project]\nname = "my-sdk.py"\nversion = "2.0.1"\n'
    )
    (clients / "python" / "pkg" / "__init__.py").write_text("")
    (clients / "typescript").mkdir()
    package = {
        "name": "@scope/sdk",
        "version": "3.1.0",
        "exports": {".": "./dist/index.js", "./browser": {"default": "./dist/web/sdk.js"}},
    }
    (clients / "typescript" / "package.json").write_text(json.dumps(package))
    (clients / "java" / "src").mkdir(parents=True)
    (clients / "java" / "README.md").write_text("# Java\n")
    (clients / "java" / "src" / "Client.java").write_text("class Client {}\n")
    (clients / "java" / "target").mkdir()
    (clients / "java" / "target" / "Client.class").write_bytes(b"\xca\xfe")
    (clients / "empty").mkdir()
    return clients


def test_every_sdk_directory_is_found_and_packaged_by_what_it_holds(tmp_path: Path) -> None:
    sdks = {sdk.name: sdk for sdk in discover(_clients(tmp_path))}
    assert sorted(sdks) == ["java", "python", "typescript"]  # an empty directory offers nothing
    assert [a.filename for a in sdks["python"].artifacts] == ["my_sdk_py-2.0.1-py3-none-any.whl"]
    assert [a.filename for a in sdks["typescript"].artifacts] == ["scope-sdk-3.1.0.tgz", "sdk.js"]
    assert [a.filename for a in sdks["java"].artifacts] == ["miso-java-sdk-source.tar.gz"]
    assert "{url}" in sdks["python"].install and "{base}" in sdks["typescript"].usage


def test_the_fingerprint_follows_the_sources_not_build_output(tmp_path: Path) -> None:
    java = next(sdk for sdk in discover(_clients(tmp_path)) if sdk.name == "java")
    first = fingerprint(java)
    (java.source / "target" / "More.class").write_bytes(b"\x00")
    (java.source / "node_modules").mkdir()
    assert fingerprint(java) == first
    (java.source / "src" / "Client.java").write_text("class Client { int x; }\n")
    assert fingerprint(java) != first


def test_a_source_archive_holds_the_sources_and_is_built_once(tmp_path: Path) -> None:
    java = next(sdk for sdk in discover(_clients(tmp_path)) if sdk.name == "java")
    calls: list[Path] = []

    def counting_build(source: Path, out: Path) -> None:
        calls.append(out)
        java.build(source, out)

    counted = dataclasses.replace(java, build=counting_build)
    cache = tmp_path / "cache"
    directory = built(counted, cache)
    assert built(counted, cache) == directory and len(calls) == 1
    with tarfile.open(directory / "miso-java-sdk-source.tar.gz") as archive:
        assert sorted(archive.getnames()) == ["java/README.md", "java/src/Client.java"]
    assert [p.name for p in cache.iterdir()] == [directory.name]  # no scratch left behind


def test_a_build_that_fails_or_misses_an_artifact_leaves_nothing_cached(tmp_path: Path) -> None:
    java = next(sdk for sdk in discover(_clients(tmp_path)) if sdk.name == "java")
    cache = tmp_path / "cache"

    def failing(_source: Path, _out: Path) -> None:
        raise BuildError("no compiler")

    def empty(_source: Path, _out: Path) -> None:
        return None

    for build in (failing, empty):
        with pytest.raises(BuildError):
            built(dataclasses.replace(java, build=build), cache)
    assert list(cache.iterdir()) == []


def test_without_a_checkout_there_is_nothing_to_offer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sdk_packages.miso_contract, "checkout_root", lambda: None)
    assert discover() == ()


def test_the_cache_lives_where_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(sdk_packages.CACHE_ENV, str(tmp_path / "here"))
    assert sdk_packages.cache_root() == tmp_path / "here"
    monkeypatch.delenv(sdk_packages.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert sdk_packages.cache_root() == tmp_path / "miso-mock" / "sdk"


def test_sdk_artifacts_are_looked_up_by_file_name(tmp_path: Path) -> None:
    sdk: Sdk = next(s for s in discover(_clients(tmp_path)) if s.name == "typescript")
    assert sdk.artifact("sdk.js") is sdk.artifacts[1]
    assert sdk.artifact("../package.json") is None
