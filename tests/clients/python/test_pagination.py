"""`paginate` walks every page of any namespace's `list`."""

from __future__ import annotations

from miso_client import MisoClient, paginate
from miso_client.models import ApplicationSummary


def make_applications(client: MisoClient, count: int) -> None:
    for number in range(count):
        client.applications.create(
            {
                "name": f"paged-{number}",
                "environment": "production",
                "configuration": {"image": f"paged:{number}"},
            }
        )


def test_every_application_across_pages(client: MisoClient) -> None:
    make_applications(client, 4)  # five with app-123
    first = client.applications.list(limit=2)
    assert (first.pagination.pages, first.pagination.has_next) == (3, True)

    walked = list(paginate(client.applications.list, limit=2))
    assert all(isinstance(app, ApplicationSummary) for app in walked)
    everything = client.applications.list(limit=100).data
    assert [a.id for a in walked] == [a.id for a in everything]
    assert len(walked) == 5


def test_filters_and_positional_arguments_pass_through(client: MisoClient) -> None:
    make_applications(client, 3)
    names = [a.name for a in paginate(client.applications.list, limit=1, sort="name:desc")]
    assert names == sorted(names, reverse=True)
    assert len(names) == 4

    for _ in range(2):
        client.deployments.create("app-123", {"image": "my-app:paged"})
    deployments = list(paginate(client.deployments.list, "app-123", limit=1))
    assert len(deployments) == client.deployments.list("app-123").pagination.total
    assert {d.application_id for d in deployments} == {"app-123"}


def test_a_single_page(client: MisoClient) -> None:
    users = list(paginate(client.users.list, role="admin"))
    assert "user-456" in [u.id for u in users]
