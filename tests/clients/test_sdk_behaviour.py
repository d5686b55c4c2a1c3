"""The SDKs' constants files are what clients/sdk-behaviour.json says, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from miso_toolkit import sdk_behaviour


def test_each_sdk_carries_the_shared_description() -> None:
    for target, text in sdk_behaviour.rendered().items():
        assert target.read_text() == text, f"{target.name} is stale: run `make clients`"


def test_a_changed_description_changes_every_sdk(tmp_path: Path) -> None:
    data = json.loads(sdk_behaviour.DESCRIPTION.read_text())
    data["retry"]["max_retries"] = 7
    changed = tmp_path / "sdk-behaviour.json"
    changed.write_text(json.dumps(data))
    for target, text in sdk_behaviour.rendered(changed).items():
        assert text != target.read_text(), target.name
        assert "7" in text


def test_a_missing_fact_is_named(tmp_path: Path) -> None:
    data = json.loads(sdk_behaviour.DESCRIPTION.read_text())
    del data["debug_env"]
    broken = tmp_path / "sdk-behaviour.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(KeyError, match="debug_env"):
        sdk_behaviour.load(broken)
