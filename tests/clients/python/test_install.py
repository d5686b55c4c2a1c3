"""`pip install ./clients/python` into a fresh venv: both packages, typed, with ranged deps.

A copy of the source is installed so the build leaves no `build/` behind in the checkout. The
installed SDK then runs the reference example against the mock, from outside this venv.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.servers import DEV_CLIENT, REPO_ROOT

SOURCE = REPO_ROOT / "clients" / "python"

PROBE = """
import importlib.metadata, json, sys
from pathlib import Path
import miso_api_client, miso_client
from miso_client import MisoClient

client = MisoClient(base_url=sys.argv[1], client_id=sys.argv[2], client_secret=sys.argv[3])
app = client.applications.create({
    "name": "installed", "environment": "production", "configuration": {"image": "i:1"}})
packages = (miso_client, miso_api_client)
print(json.dumps({
    "files": [package.__file__ for package in packages],
    "typed": [(Path(package.__file__).parent / "py.typed").is_file() for package in packages],
    "requires": sorted(importlib.metadata.requires("aifabrix-miso-python") or []),
    "prefix": sys.prefix,
    "app": app.name,
}))
"""


def test_pip_install_into_a_fresh_venv(tmp_path: Path, base_url: str) -> None:
    source = tmp_path / "python"
    shutil.copytree(
        SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*install, str(source)], check=True)

    probe = subprocess.run(
        [str(python), "-c", PROBE, base_url, *DEV_CLIENT],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout: nothing importable by accident
    )
    report = json.loads(probe.stdout)
    assert all(Path(f).is_relative_to(report["prefix"]) for f in report["files"]), report
    assert report["typed"] == [True, True]
    assert report["requires"] == ["attrs<27,>=23", "httpx<0.29,>=0.27"]
    assert report["app"] == "installed"
