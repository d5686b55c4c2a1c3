"""The reference's "Python SDK" example, verbatim, runs against the mock.

The example is kept as text so the tests can also prove it is the reference's and the README's
word for word; only the instance URL and the credentials are filled in before it runs.
"""

from __future__ import annotations

from typing import Any

from miso_client.models import Application, ApplicationList, Deployment
from miso_toolkit.paths import SEEDS_DIR

from tests.support.seeds import REFERENCE_NAME, needs_seeds
from tests.support.servers import DEV_CLIENT, REPO_ROOT

README = REPO_ROOT / "clients" / "python" / "README.md"

EXAMPLE = """\
from miso_client import MisoClient

# Initialize client
client = MisoClient(
    base_url="https://your-miso-instance.com",
    client_id="your-client-id",
    client_secret="your-client-secret"
)

# List applications
applications = client.applications.list()

# Create application
app = client.applications.create({
    "name": "my-app",
    "environment": "production",
    "configuration": {
        "image": "my-app:latest",
        "replicas": 3
    }
})

# Deploy application
deployment = client.deployments.create(app.id, {
    "image": "my-app:v1.2.3"
})
"""


def filled_in(base_url: str) -> str:
    return (
        EXAMPLE.replace("https://your-miso-instance.com", base_url)
        .replace("your-client-id", DEV_CLIENT[0])
        .replace("your-client-secret", DEV_CLIENT[1])
    )


def test_the_example_runs_as_written(base_url: str) -> None:
    scope: dict[str, Any] = {}
    exec(compile(filled_in(base_url), "reference-example", "exec"), scope)
    scope["client"].close()

    applications, app, deployment = scope["applications"], scope["app"], scope["deployment"]
    assert isinstance(applications, ApplicationList)
    assert [a.id for a in applications.data] == ["app-123"]
    assert isinstance(app, Application)
    assert (app.name, app.environment, app.configuration.replicas) == ("my-app", "production", 3)
    assert isinstance(deployment, Deployment)
    assert (deployment.application_id, deployment.image) == (app.id, "my-app:v1.2.3")


def test_the_readme_shows_the_example() -> None:
    assert EXAMPLE in README.read_text()


@needs_seeds
def test_the_example_is_the_references() -> None:
    assert SEEDS_DIR is not None
    assert EXAMPLE in (SEEDS_DIR / REFERENCE_NAME).read_text(encoding="utf-8")


def test_the_readme_shows_how_to_install() -> None:
    assert "pip install ./clients/python" in README.read_text()
