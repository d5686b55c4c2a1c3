"""`--reload` restarts the mock when a file under server/ or openapi/ changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx

from tests.support.servers import REPO_ROOT, get_token, running_mock

WATCHED = REPO_ROOT / "server" / "miso_mock" / "handlers" / "__init__.py"


def test_a_change_under_server_restarts_it_with_fresh_state() -> None:
    with running_mock("--reload", "--deploy-speed", "50") as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        app = {
            "name": "before-reload",
            "environment": "production",
            "configuration": {"image": "r:1"},
        }
        httpx.post(f"{url}/api/v1/applications", json=app, headers=headers).raise_for_status()
        # Touch without changing content: the reloader sees a change, the tree stays clean.
        os.utime(WATCHED)
        content = Path(WATCHED).read_text()
        Path(WATCHED).write_text(content)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                token = get_token(url)  # a restarted mock has a new key: old tokens are void
                listed = httpx.get(
                    f"{url}/api/v1/applications", headers={"Authorization": f"Bearer {token}"}
                )
                if listed.status_code == 200 and listed.json()["pagination"]["total"] == 1:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError("the mock did not restart after a watched file changed")
