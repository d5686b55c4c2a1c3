"""Administration (`/_mock/reset`, `/_mock/state`) and persistence across restarts."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.mock.conftest import FAST
from tests.support.servers import free_port, get_token, running_mock

APP = {"name": "kept", "environment": "production", "configuration": {"image": "kept:1"}}


def test_reset_restores_the_start_up_dataset(api: httpx.Client, base_url: str) -> None:
    api.post("/api/v1/applications", json=APP).raise_for_status()
    api.delete("/api/v1/applications/app-123").raise_for_status()
    assert httpx.post(f"{base_url}/_mock/reset").status_code == 200
    ids = [a["id"] for a in api.get("/api/v1/applications").json()["data"]]
    assert ids == ["app-123"]


def test_state_export_and_import_round_trip(api: httpx.Client, base_url: str) -> None:
    api.post("/api/v1/applications", json=APP).raise_for_status()
    snapshot = httpx.get(f"{base_url}/_mock/state").json()
    httpx.post(f"{base_url}/_mock/reset").raise_for_status()
    assert httpx.put(f"{base_url}/_mock/state", json=snapshot).status_code == 200
    names = {a["name"] for a in api.get("/api/v1/applications").json()["data"]}
    assert names == {"my-application", "kept"}
    # The counters came along: the next id does not collide.
    second = api.post("/api/v1/applications", json={**APP, "name": "next"}).json()
    assert second["id"] == "app-125"


def test_a_bad_snapshot_is_refused_and_changes_nothing(api: httpx.Client, base_url: str) -> None:
    api.post("/api/v1/applications", json=APP).raise_for_status()
    for body in (b"{not json", b"[1, 2]", b'{"records": 1}', b"\xff\xfe"):
        response = httpx.put(f"{base_url}/_mock/state", content=body)
        assert response.status_code == 400, body
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert api.get("/api/v1/applications").json()["pagination"]["total"] == 2
    assert httpx.delete(f"{base_url}/_mock/state").status_code == 405


def test_state_file_survives_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state" / "miso.json"
    port = free_port()
    with running_mock(*FAST, "--state-file", str(state), port=port) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        created = httpx.post(f"{url}/api/v1/applications", json=APP, headers=headers).json()
        deployment = httpx.post(
            f"{url}/api/v1/applications/{created['id']}/deployments",
            json={"image": "kept:2"},
            headers=headers,
        ).json()
    saved = json.loads(state.read_text())
    assert created["id"] in saved["records"]["applications"]
    assert [p.name for p in state.parent.iterdir()] == ["miso.json"]  # no temporary left over
    with running_mock(*FAST, "--state-file", str(state), port=port) as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        again = httpx.get(f"{url}/api/v1/applications/{created['id']}", headers=headers)
        assert again.status_code == 200 and again.json()["name"] == "kept"
        # A deployment cut off by the restart carries on to the end.
        for _ in range(300):
            status = httpx.get(
                f"{url}/api/v1/deployments/{deployment['id']}", headers=headers
            ).json()["status"]
            if status == "success":
                break
            httpx.get(f"{url}/api/v1/environments", headers=headers)
        assert status == "success"
        nxt = httpx.post(
            f"{url}/api/v1/applications", json={**APP, "name": "after"}, headers=headers
        )
        assert nxt.json()["id"] == "app-125"
