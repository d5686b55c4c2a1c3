"""Each lint rule can fail: break one thing in a copy of the spec, get one finding, placed right.

Every case names the split file it edits, the change, and the file and JSON pointer the
finding must name: that is the promise the findings make to whoever fixes them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from miso_toolkit.lint import (
    RULES,
    Finding,
    check_bundle_valid,
    check_seed_operations,
    check_split_valid,
)
from miso_toolkit.lint._seeds import SEED_PREFIX, parse_seed
from miso_toolkit.paths import OPENAPI_DIR

from .conftest import Edit, SpecCopy

JSON = "content/application~1json"


class Case(NamedTuple):
    rule: str
    edits: str
    change: Edit
    file: str
    pointer: str
    says: str


def _parent(document: Any, path: str) -> tuple[Any, str]:
    """The container of a `.`-separated path's last key (digits index lists), and that key."""
    *parents, last = path.split(".")
    node = document
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node, last


def _set(path: str, value: Any) -> Edit:
    def change(document: Any) -> None:
        node, key = _parent(document, path)
        node[int(key) if isinstance(node, list) else key] = value

    return change


def _drop(path: str) -> Edit:
    def change(document: Any) -> None:
        node, key = _parent(document, path)
        del node[int(key) if isinstance(node, list) else key]

    return change


APPS = "paths/applications.yaml"
APPS_FILE = "openapi/paths/applications.yaml"
LIST_200 = "get.responses.200"
LIST_EXAMPLE = f"/get/responses/200/{JSON}/examples/reference/value"

CASES = [
    Case(
        "operation-id",
        APPS,
        _set("get.operationId", "list_applications"),
        APPS_FILE,
        "/get/operationId",
        "is not camelCase",
    ),
    Case(
        "operation-id",
        "paths/application.yaml",
        _set("get.operationId", "listApplications"),
        "openapi/paths/application.yaml",
        "/get/operationId",
        "already used by GET",
    ),
    Case(
        "operation-id",
        "paths/environments.yaml",
        _drop("get.operationId"),
        "openapi/paths/environments.yaml",
        "/get",
        "has no operationId",
    ),
    *(
        Case(
            "operation-fields",
            "paths/environments.yaml",
            _drop(f"get.{field}"),
            "openapi/paths/environments.yaml",
            "/get",
            f"has no {field}",
        )
        for field in ("summary", "description", "tags", "x-miso-permissions")
    ),
    Case(
        "operation-fields",
        "paths/environments.yaml",
        _drop("get.security"),
        "openapi/paths/environments.yaml",
        "/get",
        "does not state its security",
    ),
    Case(
        "operation-fields",
        "paths/environments.yaml",
        _set("get.tags", ["nowhere"]),
        "openapi/paths/environments.yaml",
        "/get/tags/0",
        "not declared",
    ),
    Case(
        "operation-fields",
        "paths/environments.yaml",
        _set("get.x-miso-permissions", ["x"]),
        "openapi/paths/environments.yaml",
        "/get/x-miso-permissions/0",
        "Permission schema",
    ),
    Case(
        "operation-fields",
        "paths/environments.yaml",
        _set("get.x-miso-permissions", []),
        "openapi/paths/environments.yaml",
        "/get/x-miso-permissions",
        "lists no permission",
    ),
    Case(
        "auth-responses",
        "paths/users.yaml",
        _drop("get.responses.403"),
        "openapi/paths/users.yaml",
        "/get/responses",
        "does not document 403",
    ),
    Case(
        "error-envelope",
        "components/responses/NotFound.yaml",
        _set("content.application/json.schema", {"type": "object"}),
        "openapi/components/responses/NotFound.yaml",
        f"/{JSON}/schema",
        "ErrorResponse",
    ),
    Case(
        "error-envelope",
        "paths/health.yaml",
        _set(
            "get.responses.503.content.application/json.schema.oneOf",
            [{"$ref": "#/components/schemas/SystemHealth"}],
        ),
        "openapi/paths/health.yaml",
        f"/get/responses/503/{JSON}/schema",
        "503",
    ),
    Case(
        "response-headers",
        APPS,
        _drop(f"{LIST_200}.headers.X-Request-ID"),
        APPS_FILE,
        "/get/responses/200/headers",
        "X-Request-ID",
    ),
    Case(
        "response-headers",
        "components/responses/TooManyRequests.yaml",
        _drop("headers.Retry-After"),
        "openapi/components/responses/TooManyRequests.yaml",
        "/headers",
        "Retry-After",
    ),
    Case(
        "links",
        APPS,
        _set("post.responses.201.links.GetApplication.operationId", "getApp"),
        APPS_FILE,
        "/post/responses/201/links/GetApplication/operationId",
        "'getApp'",
    ),
    Case(
        "links",
        APPS,
        _set("post.responses.201.links.GetApplication.parameters", {"app": "$response.body#/id"}),
        APPS_FILE,
        "/post/responses/201/links/GetApplication/parameters/app",
        "'app'",
    ),
    Case(
        "examples-valid",
        "components/schemas/Permission.yaml",
        _set("example", "miso:root"),
        "openapi/components/schemas/Permission.yaml",
        "/example",
        "'miso:root'",
    ),
    Case(
        "examples-valid",
        "components/schemas/Application.yaml",
        _set("properties.created_at.example", "yesterday"),
        "openapi/components/schemas/Application.yaml",
        "/properties/created_at/example",
        "date-time",
    ),
    Case(
        "examples-valid",
        APPS,
        _set(f"{LIST_200}.content.application/json.examples.reference.value.data.0.status", "x"),
        APPS_FILE,
        LIST_EXAMPLE,
        "/data/0/status",
    ),
    Case(
        "examples-valid",
        APPS,
        _set("get.parameters.2.example", "sleeping"),
        APPS_FILE,
        "/get/parameters/2/example",
        "'sleeping'",
    ),
    Case(
        "examples-valid",
        "components/parameters/Limit.yaml",
        _set("example", 1000),
        "openapi/components/parameters/Limit.yaml",
        "/example",
        "maximum",
    ),
    Case(
        "examples-valid",
        "components/responses/BadRequest.yaml",
        _set("content.application/json.example.error.request_id", None),
        "openapi/components/responses/BadRequest.yaml",
        f"/{JSON}/example",
        "request_id",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}:{c.file}#{c.pointer}")
def test_rule_reports_the_broken_place(spec_copy: SpecCopy, case: Case) -> None:
    spec_copy.edit(case.edits, case.change)
    found = RULES[case.rule](spec_copy.load())
    assert [(f.file, f.pointer) for f in found] == [(case.file, case.pointer)], found
    assert case.says in found[0].message


def test_unused_component_is_reported_in_its_own_file(spec_copy: SpecCopy) -> None:
    (spec_copy.dir / "components/schemas/Orphan.yaml").write_text("type: string\n")
    spec_copy.edit(
        "miso.yaml",
        lambda d: d["components"]["schemas"].update(
            Orphan={"$ref": "./components/schemas/Orphan.yaml"}
        ),
    )
    found = RULES["unused-components"](spec_copy.load())
    assert [(f.file, f.pointer) for f in found] == [("openapi/components/schemas/Orphan.yaml", "")]
    assert "schemas/Orphan is never referenced" in found[0].message


def test_component_used_only_by_an_unused_one_is_unused(spec_copy: SpecCopy) -> None:
    spec_copy.edit(
        "miso.yaml",
        lambda d: d["components"]["schemas"].update(
            Wrapper={"type": "object", "properties": {"p": {"$ref": "#/components/schemas/X"}}},
            X={"type": "string"},
        ),
    )
    found = RULES["unused-components"](spec_copy.load())
    assert [(f.file, f.pointer) for f in found] == [
        ("openapi/miso.yaml", "/components/schemas/Wrapper"),
        ("openapi/miso.yaml", "/components/schemas/X"),
    ]


def _seeds_showing_the_mapping(spec_copy: SpecCopy) -> Path:
    """Seed documents that show exactly the endpoints the real `seed-operations.yaml` lists
    (before a test edits its copy).

    The rule's own logic is tested on these, so it is tested without the real documents (an
    optional input); the real spec against the real documents is test_lint_real_spec's job.
    """
    document = yaml.safe_load((OPENAPI_DIR / "seed-operations.yaml").read_text())
    shown: dict[str, list[str]] = {}
    for entry in document["endpoints"]:
        shown.setdefault(entry["seed"], []).append(f"{entry['method']} {entry['path']}")
    seeds = spec_copy.base / "seeds"
    seeds.mkdir()
    for seed, lines in shown.items():
        blocks = "\n".join(f"```bash\n{line}\n```\n" for line in lines)
        (seeds / f"{SEED_PREFIX}{seed}.md").write_text(f"# {seed}\n\n{blocks}", encoding="utf-8")
    return seeds


def _seed_findings(spec_copy: SpecCopy, seeds: Path | None = None) -> list[Finding]:
    return check_seed_operations(spec_copy.load(), seeds or _seeds_showing_the_mapping(spec_copy))


def _entry(spec_copy: SpecCopy, seed: str, method: str, path: str) -> int:
    document = yaml.safe_load((spec_copy.dir / "seed-operations.yaml").read_text())
    keys = [(e["seed"], e["method"], e["path"]) for e in document["endpoints"]]
    return keys.index((seed, method, path))


MAPPING = "openapi/seed-operations.yaml"


def test_seed_endpoint_without_entry(spec_copy: SpecCopy) -> None:
    index = _entry(spec_copy, "reference", "GET", "/api/v1/metrics")
    spec_copy.edit("seed-operations.yaml", lambda d: d["endpoints"].pop(index))
    found = _seed_findings(spec_copy)
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, "/endpoints")]
    assert "reference GET /api/v1/metrics (miso-api-reference.md:" in found[0].message


def test_seed_entry_naming_a_missing_operation(spec_copy: SpecCopy) -> None:
    index = _entry(spec_copy, "reference", "GET", "/api/v1/health")
    spec_copy.edit("seed-operations.yaml", _set(f"endpoints.{index}.operationId", "getHealthz"))
    found = _seed_findings(spec_copy)
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, f"/endpoints/{index}/operationId")]


def test_seed_operation_removed_from_the_spec(spec_copy: SpecCopy) -> None:
    spec_copy.edit("paths/metrics.yaml", _set("get.operationId", "readMetrics"))
    found = _seed_findings(spec_copy)
    index = _entry(spec_copy, "reference", "GET", "/api/v1/metrics")
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, f"/endpoints/{index}/operationId")]
    assert "'getMetrics'" in found[0].message


def test_seed_path_differing_from_the_operation_needs_a_decision_note(spec_copy: SpecCopy) -> None:
    index = _entry(spec_copy, "overview", "GET", "/api/applications/my-app/logs")
    spec_copy.edit("seed-operations.yaml", _drop(f"endpoints.{index}.note"))
    found = _seed_findings(spec_copy)
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, f"/endpoints/{index}")]
    assert "docs/decisions.md" in found[0].message


def test_seed_entry_no_seed_shows(spec_copy: SpecCopy) -> None:
    extra = {"seed": "reference", "method": "GET", "path": "/api/v1/users/me",
             "operationId": "getCurrentUser"}  # fmt: skip
    spec_copy.edit("seed-operations.yaml", lambda d: d["endpoints"].append(extra))
    found = _seed_findings(spec_copy)
    index = _entry(spec_copy, "reference", "GET", "/api/v1/users/me")
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, f"/endpoints/{index}")]


def test_missing_seeds_directory_is_a_finding(spec_copy: SpecCopy, tmp_path: Path) -> None:
    found = _seed_findings(spec_copy, tmp_path / "no-seeds")
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, "")]
    assert "not found" in found[0].message


def test_without_seeds_the_mapping_is_still_checked(spec_copy: SpecCopy) -> None:
    assert check_seed_operations(spec_copy.load(), None) == []
    index = _entry(spec_copy, "reference", "GET", "/api/v1/health")
    spec_copy.edit("seed-operations.yaml", _set(f"endpoints.{index}.operationId", "getHealthz"))
    found = check_seed_operations(spec_copy.load(), None)
    assert [(f.file, f.pointer) for f in found] == [(MAPPING, f"/endpoints/{index}/operationId")]


def test_seed_parser_reads_request_lines_and_curls(tmp_path: Path) -> None:
    seed = tmp_path / f"{SEED_PREFIX}guide.md"
    seed.write_text(
        "```bash\nGET /api/v1/items?page=2\n```\n"
        '```json\n{"note": "curl https://x/api/v1/ignored"}\n```\n'
        "```bash\n# a comment: curl https://x/api/v1/commented\n"
        "curl -X PUT \"https://x/api/v1/items/1\" \\\n  -H 'A: b'\n"
        "curl https://x/api/v1/items -d '{}'\n"
        "curl https://x/api/v1/items\n```\n",
        encoding="utf-8",
    )
    found = [(e.seed, e.method, e.path, e.line) for e in parse_seed(seed)]
    assert found == [
        ("guide", "GET", "/api/v1/items", 2),
        ("guide", "PUT", "/api/v1/items/1", 9),
        ("guide", "POST", "/api/v1/items", 11),
    ]


def test_invalid_split_spec_is_located(spec_copy: SpecCopy) -> None:
    spec_copy.edit("paths/environments.yaml", _drop("get.responses.200.description"))
    found, bundled = check_split_valid(spec_copy.load())
    assert bundled is None
    assert ("openapi/paths/environments.yaml", "/get/responses/200") in [
        (f.file, f.pointer) for f in found
    ]
    assert {f.rule for f in found} == {"spec-valid"}


def test_missing_split_file_is_located(spec_copy: SpecCopy) -> None:
    (spec_copy.dir / "paths/jwks.yaml").unlink()
    spec = spec_copy.load()
    found, _ = check_split_valid(spec)
    assert [(f.file, f.pointer) for f in found] == [
        ("openapi/miso.yaml", "/paths/~1.well-known~1jwks.json/$ref")
    ]


def test_invalid_bundle_is_located(spec_copy: SpecCopy) -> None:
    text = spec_copy.bundle.read_text(encoding="utf-8")
    assert "\n  title: Miso API\n" in text
    spec_copy.write("dist/miso.yaml", text.replace("\n  title: Miso API\n", "\n", 1))
    found = check_bundle_valid(spec_copy.load(), spec_copy.bundle)
    assert [(f.file, f.pointer, f.rule) for f in found] == [
        ("openapi/dist/miso.yaml", "/info", "bundle-valid")
    ]


def test_every_rule_has_a_failing_case() -> None:
    assert set(RULES) <= {case.rule for case in CASES} | {"unused-components"}
