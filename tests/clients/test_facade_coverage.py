"""Every operation of the spec has a facade method in every SDK.

The spec's operations come from the contract model. Each SDK is asked in the way that tells the
truth about it: the Python facades by the generated operation modules their code calls (one
module per operationId), the TypeScript facade by the `api.METHOD("/path")` calls of its
namespaces (openapi-fetch's types bind each literal to a path of the spec, so a wrong one does
not compile), the Java facade by the `@Operation("operationId")` annotation each of its
methods carries (the JUnit suite in tests/clients/java compiles and exercises them).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import miso_contract
import pytest

from tests.support.servers import REPO_ROOT

PYTHON_FACADE = REPO_ROOT / "clients" / "python" / "miso_client"
TYPESCRIPT_FACADE = REPO_ROOT / "clients" / "typescript" / "src"
JAVA_FACADE = REPO_ROOT / "clients" / "java" / "src" / "main" / "java"
JAVA_ANNOTATION = re.compile(r"@Operation\(\s*\"(\w+)\"\s*\)")
GENERATED_CALLS = {"sync_detailed", "asyncio_detailed", "_get_kwargs"}
TS_CALL = re.compile(r"\bapi\.(GET|POST|PUT|PATCH|DELETE)\(\s*\"([^\"]+)\"")


def snake(operation_id: str) -> str:
    """The generated module of an operationId: `listApplications` -> `list_applications`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def python_calls(*modules: Path) -> set[str]:
    """Names of generated operation modules whose functions the modules call."""
    called: set[str] = set()
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text())):
            generated = isinstance(node, ast.Attribute) and node.attr in GENERATED_CALLS
            if generated and isinstance(node.value, ast.Name):
                called.add(node.value.id)
    return called


def typescript_calls() -> set[tuple[str, str]]:
    sources = [
        *sorted((TYPESCRIPT_FACADE / "resources").glob("*.ts")),
        TYPESCRIPT_FACADE / "auth.ts",
    ]
    return {(m, p) for source in sources for m, p in TS_CALL.findall(source.read_text())}


OPERATIONS = miso_contract.bundle().operations


@pytest.mark.parametrize("facade", ["_namespaces.py", "_async_namespaces.py"])
def test_every_operation_has_a_python_facade_method(facade: str) -> None:
    called = python_calls(PYTHON_FACADE / facade, PYTHON_FACADE / "_auth.py")
    missing = [op.operation_id for op in OPERATIONS if snake(op.operation_id) not in called]
    assert missing == []


def test_every_operation_has_a_typescript_facade_method() -> None:
    called = typescript_calls()
    missing = [op.operation_id for op in OPERATIONS if (op.method.upper(), op.path) not in called]
    assert missing == []


def test_every_operation_has_a_java_facade_method() -> None:
    annotated = {
        operation_id
        for source in JAVA_FACADE.rglob("*.java")
        for operation_id in JAVA_ANNOTATION.findall(source.read_text())
    }
    missing = [op.operation_id for op in OPERATIONS if op.operation_id not in annotated]
    assert missing == []


def test_the_scanners_see_a_missing_operation(tmp_path: Path) -> None:
    module = tmp_path / "facade.py"
    module.write_text("def f(api):\n    return list_applications.sync_detailed(client=api)\n")
    assert python_calls(module) == {"list_applications"}
    assert TS_CALL.findall('api.GET("/api/v1/users", {})') == [("GET", "/api/v1/users")]
    assert JAVA_ANNOTATION.findall('@Operation("getUser")\n    public User get(') == ["getUser"]
