"""The checked-in generated package is exactly what the spec and the generator config produce."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from miso_toolkit import clients

GENERATED = clients.PYTHON_PACKAGE


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One regeneration from the bundle on disk, shared by the comparisons below."""
    output = tmp_path_factory.mktemp("generated") / "miso_api_client"
    clients.generate_python(output)
    return output


def test_checked_in_package_matches_a_regeneration(fresh: Path) -> None:
    assert clients.tree_differences(fresh, GENERATED) == [], "run `make clients`"


def test_an_edited_generated_file_is_drift(fresh: Path, tmp_path: Path) -> None:
    copy = tmp_path / "miso_api_client"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "models" / "application.py"
    model.write_text(model.read_text() + "\n# hand edit\n")
    (copy / "models" / "extra.py").write_text("")
    (copy / "errors.py").unlink()

    assert clients.tree_differences(fresh, copy) == [
        "missing: errors.py",
        "extra: models/extra.py",
        "changed: models/application.py",
    ]


def test_check_mode_reports_drift_and_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "miso_api_client"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "types.py").write_text("# edited\n")
    assert clients.regenerate_python(check=True, target=copy) is False
    assert "changed: types.py" in capsys.readouterr().err


def test_regeneration_replaces_the_package(tmp_path: Path) -> None:
    target = tmp_path / "miso_api_client"
    target.mkdir()
    (target / "stale.py").write_text("")
    assert clients.regenerate_python(check=False, target=target) is True
    assert not (target / "stale.py").exists()
    assert (target / "py.typed").exists()
    assert clients.tree_differences(target, GENERATED) == []


def test_cli_check_passes_on_the_checked_in_tree() -> None:
    assert clients.main(["--check", "--sdk", "python"]) == 0


def test_every_generated_module_imports() -> None:
    root = GENERATED.parent
    for path in sorted(GENERATED.rglob("*.py")):
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        importlib.import_module(module)
