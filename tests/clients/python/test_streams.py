"""Followed deployment logs: lines arrive as the deployment writes them, then its final status."""

from __future__ import annotations

import pytest
from miso_client import LogStream, MisoClient, NotFoundError
from miso_client._streams import ServerSentEvent, SSEDecoder
from miso_client.models import DeploymentStatus, LogEntry


def test_follow_a_new_deployment_until_it_ends(client: MisoClient) -> None:
    deployment = client.deployments.create("app-123", {"image": "my-app:v1.3.0"})
    with client.deployments.logs(deployment.id, follow=True) as stream:
        assert isinstance(stream, LogStream)
        entries = list(stream)
    assert entries and all(isinstance(entry, LogEntry) for entry in entries)
    assert entries[0].message == "Starting deployment"
    assert stream.status is not None
    final = client.deployments.get(deployment.id)
    assert final.status == DeploymentStatus(stream.status)
    assert final.status in {DeploymentStatus.SUCCESS, DeploymentStatus.FAILED}


def test_an_ended_deployment_replays_then_ends(client: MisoClient) -> None:
    stream = client.deployments.logs("deploy-789", lines=2, follow=True)
    entries = list(stream)
    assert len(entries) == 2
    assert stream.status == "success"


def test_stopping_early_closes_the_connection(client: MisoClient) -> None:
    deployment = client.deployments.create("app-123", {"image": "my-app:early"})
    with client.deployments.logs(deployment.id, follow=True) as stream:
        first = next(iter(stream))
    assert isinstance(first, LogEntry)
    assert stream.response.is_closed
    assert client.applications.get("app-123")  # the pool is still usable


def test_following_an_unknown_deployment_raises_at_once(client: MisoClient) -> None:
    with pytest.raises(NotFoundError):
        client.deployments.logs("deploy-missing", follow=True)


def test_sse_decoder() -> None:
    decoder = SSEDecoder()
    lines = [": comment", "event: log", 'data: {"a":', "data: 1}", "", "", "data: plain", ""]
    events = [event for line in lines if (event := decoder.feed(line)) is not None]
    assert events == [
        ServerSentEvent("log", '{"a":\n1}'),
        ServerSentEvent("message", "plain"),
    ]
