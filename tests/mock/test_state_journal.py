"""`--state-file` appends one journal line per write and survives `kill -9`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import httpx
from miso_mock import file_store
from miso_mock.file_store import FileStore

from tests.mock.conftest import FAST
from tests.support.servers import MISO, REPO_ROOT, free_port, get_token, running_mock, wait_until_up

EMPTY = {"records": {}, "counters": {}}


def test_a_write_appends_a_line_instead_of_rewriting_the_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = FileStore(path, EMPTY)
    store.put("apps", "app-1", {"id": "app-1", "name": "one"})
    before = path.read_bytes()
    store.put("apps", "app-2", {"id": "app-2", "name": "two"})
    after = path.read_bytes()
    assert after.startswith(before)  # nothing before it was written again
    assert json.loads(after[len(before) :]) == {
        "put": ["apps", "app-2", {"id": "app-2", "name": "two"}]
    }
    store.close()
    assert json.loads(path.read_text()) == {
        "records": {
            "apps": {
                "app-1": {"id": "app-1", "name": "one"},
                "app-2": {"id": "app-2", "name": "two"},
            }
        },
        "counters": {},
    }


def test_a_torn_last_line_is_ignored_and_leftovers_removed(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = FileStore(path, EMPTY)
    store.put("apps", "app-1", {"id": "app-1"})
    assert store.next_id("apps", "app") == "app-1"
    with path.open("ab") as handle:
        handle.write(b'{"put": ["apps", "app-2", {"id": "ap')  # a write cut short
    (tmp_path / ".state.json.abc123").write_text("half a compaction")
    reopened = FileStore(path, EMPTY)
    assert reopened.get("apps", "app-1") == {"id": "app-1"}
    assert reopened.get("apps", "app-2") is None
    assert reopened.next_id("apps", "app") == "app-2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]
    reopened.close()


def test_the_journal_is_compacted_in_the_background(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_store, "COMPACT_MIN_BYTES", 2_000)
    path = tmp_path / "state.json"
    store = FileStore(path, EMPTY)
    for number in range(401):
        if number == 400:  # a compaction still running has had its turn; this write's may follow
            _join(store)
        store.put("apps", f"app-{number % 20}", {"id": f"app-{number % 20}", "n": number})
    _join(store)
    # 400 writes of ~50 bytes each, but the file holds 20 records and a short journal.
    assert path.stat().st_size < 2_000 + 2 * 20 * 60
    expected = {f"app-{n}": {"id": f"app-{n}", "n": 380 + n} for n in range(20)}
    expected["app-0"]["n"] = 400
    assert FileStore(path, EMPTY).snapshot()["records"]["apps"] == expected
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def _join(store: FileStore) -> None:
    compactor = store._compactor
    if compactor is not None:
        compactor.join()


def test_a_killed_mock_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    state = tmp_path / "miso.json"
    port = free_port()
    args = [MISO, "mock", "--port", str(port), "--quiet", "--state-file", str(state), *FAST]
    process = subprocess.Popen(
        args, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/api/v1/openapi.json", process, timeout=120)
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        created = []
        for number in range(30):
            body = {
                "name": f"k{number}",
                "environment": "production",
                "configuration": {"image": "i:1"},
            }
            response = httpx.post(f"{url}/api/v1/applications", json=body, headers=headers)
            assert response.status_code == 201, response.text
            created.append(response.json()["id"])
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    with running_mock(*FAST, "--state-file", str(state)) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        listed = httpx.get(f"{url}/api/v1/applications?limit=100", headers=headers).json()
        assert set(created) <= {app["id"] for app in listed["data"]}
    assert [p.name for p in tmp_path.iterdir()] == ["miso.json"]
