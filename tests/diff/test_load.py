"""Loading sides: split files are resolved, git revisions are read from their own tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from miso_toolkit.diff import LoadError, load_revision, load_side, main

from .specs import commit_spec, get, git, obj, response, spec, write_yaml

S: dict[str, Any] = {"type": "string"}


def split_spec(root: Path, item_schema: dict[str, Any]) -> Path:
    """A split spec shaped like the project's: paths and components in their own files."""
    write_yaml(
        root / "components" / "schemas" / "Item.yaml",
        item_schema,
    )
    ok = {"$ref": "#/components/schemas/Item"}
    write_yaml(
        root / "paths" / "items.yaml",
        {
            "get": {
                "operationId": "listItems",
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": ok}}}
                },
            }
        },
    )
    document = spec(
        {"/items": {"$ref": "./paths/items.yaml"}},
        components={"schemas": {"Item": {"$ref": "./components/schemas/Item.yaml"}}},
    )
    return write_yaml(root / "miso.yaml", document)


def test_split_files_are_resolved_and_internal_refs_kept(tmp_path: Path) -> None:
    loaded = load_side(str(split_spec(tmp_path, obj(["id"], id=S))))
    document = loaded.contract.document
    operation = document["paths"]["/items"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Item"}
    assert document["components"]["schemas"]["Item"]["required"] == ["id"]
    assert loaded.problems == ()


def test_change_in_a_split_component_reaches_the_operation(tmp_path: Path, capsys: Any) -> None:
    base = split_spec(tmp_path / "base", obj(["id"], id=S))
    head = split_spec(tmp_path / "head", obj(id=S))
    assert main([str(base), str(head), "--format", "json"]) == 1
    [change] = json.loads(capsys.readouterr().out)["changes"]
    assert change["rule"] == "response-property-became-optional"
    assert change["pointer"].startswith("/paths/~1items/get/responses/200/")


def test_an_invalid_spec_is_read_with_its_problems(tmp_path: Path) -> None:
    broken = write_yaml(tmp_path / "broken.yaml", {"openapi": "3.0.3", "paths": {}})
    [problem] = load_side(str(broken)).problems
    assert problem.file.endswith("broken.yaml") and "info" in problem.message


def test_a_side_that_is_not_yaml_is_a_load_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\npaths: {/items: [\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"broken\.yaml.*not valid YAML"):
        load_side(str(broken))


def test_a_side_that_is_not_a_mapping_is_a_load_error(tmp_path: Path) -> None:
    listed = write_yaml(tmp_path / "list.yaml", ["openapi", "3.0.3"])
    with pytest.raises(LoadError, match=r"list\.yaml.*not a mapping"):
        load_side(str(listed))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: a required response property, then an optional one."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("no spec yet\n")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-q", "-m", "start")
    commit_spec(tmp_path, response(obj(["id"], id=S)), "v1")
    commit_spec(tmp_path, response(obj(id=S)), "v2")
    return tmp_path


def test_two_revisions(repo: Path, capsys: Any) -> None:
    assert main(["HEAD~1", "HEAD", "--repo", str(repo), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["base"], report["head"]) == ("HEAD~1", "HEAD")
    assert [c["rule"] for c in report["changes"]] == ["response-property-became-optional"]


def test_revision_against_the_working_tree(repo: Path, capsys: Any) -> None:
    write_yaml(repo / "openapi" / "miso.yaml", get())
    assert main(["HEAD", "--repo", str(repo), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["head"] == "working tree"
    assert [c["rule"] for c in report["changes"]] == ["response-media-type-removed"]


def test_revision_sees_its_own_files_not_the_working_tree(repo: Path) -> None:
    write_yaml(repo / "openapi" / "miso.yaml", spec({}))
    assert "/items" in load_revision(repo, "HEAD").document["paths"]


def test_revision_without_a_spec_says_so(repo: Path, capsys: Any) -> None:
    assert main(["HEAD~2", "--repo", str(repo)]) == 2
    assert "has no openapi/miso.yaml" in capsys.readouterr().err


def test_unknown_revision_or_file(repo: Path, capsys: Any) -> None:
    assert main(["no-such-branch", "--repo", str(repo)]) == 2
    assert "neither a spec file nor a git revision" in capsys.readouterr().err


def test_unparsable_spec_at_a_revision_is_named_by_the_revision(repo: Path, capsys: Any) -> None:
    (repo / "openapi" / "miso.yaml").write_text("paths: [\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    assert main(["HEAD", "--repo", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "revision HEAD: " in err and "miso-diff-" not in err


def test_problems_at_a_revision_name_the_revision_and_the_file(repo: Path, capsys: Any) -> None:
    commit_spec(repo, {"openapi": "3.0.3", "paths": {}}, "no info")
    assert main(["HEAD~1", "HEAD", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "miso diff: warning: HEAD: openapi/miso.yaml#: " in err and "miso-diff-" not in err
