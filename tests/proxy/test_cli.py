"""`miso proxy`'s usage errors end with exit code 2 and say what is wrong, before listening."""

from __future__ import annotations

from pathlib import Path

import pytest
from miso_toolkit.cli import main


def test_upstream_must_be_an_http_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["proxy", "--upstream", "ftp://miso.example.com"]) == 2
    assert "--upstream must be http(s)://" in capsys.readouterr().err


def test_unreadable_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["proxy", "--upstream", "http://127.0.0.1:9", "--spec", str(missing)]) == 2
    assert "cannot load the spec" in capsys.readouterr().err
