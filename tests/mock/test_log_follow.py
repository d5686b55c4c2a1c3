"""Log streams (`logs?follow=true`): every deployment ends its stream with its real final status,
and followers that hang up never stop the deployments or the other followers."""

from __future__ import annotations

import asyncio
import json
import random
import sys
from typing import Any

import httpx
import pytest

from tests.mock.conftest import FAST, wait_until
from tests.support.servers import get_token, running_mock


def _events(lines: list[str]) -> list[tuple[str, dict]]:
    events: list[tuple[str, dict]] = []
    name = ""
    for line in lines:
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[len("data: ") :])))
    return events


def test_every_seeded_deployment_streams_its_logs_and_its_final_status(
    api: httpx.Client,
) -> None:
    seeded = api.get("/api/v1/applications/app-123/deployments?limit=100").json()["data"]
    assert len(seeded) >= 5
    for deployment in seeded:
        url = f"/api/v1/deployments/{deployment['id']}/logs"
        logs = api.get(url).json()["logs"]
        with api.stream("GET", f"{url}?follow=true") as response:
            assert response.status_code == 200
            events = _events(list(response.iter_lines()))
        assert events == [
            *(("log", line) for line in logs),
            ("end", {"status": deployment["status"]}),
        ], deployment["id"]


async def _follow_then_hang_up(client: httpx.AsyncClient, url: str, wait: float) -> None:
    """Open a stream, read its first line, then drop the connection mid-stream."""
    async with client.stream("GET", url) as response:
        assert response.status_code == 200
        lines = response.aiter_lines()
        await lines.__anext__()
        await asyncio.sleep(wait)
    # Leaving the block closes the connection while the server is still streaming.


async def _drop_followers(base_url: str, headers: dict[str, str], count: int) -> None:
    rng = random.Random(7)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as client:
        created = await client.post(
            "/api/v1/applications/app-123/deployments", json={"image": "my-app:v9"}
        )
        assert created.status_code == 201
        url = f"/api/v1/deployments/{created.json()['id']}/logs?follow=true&lines=1"
        # Separate connections per follower, so each hang-up is a real disconnect.
        clients = [
            httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) for _ in range(count)
        ]
        try:
            await asyncio.gather(
                *(_follow_then_hang_up(c, url, rng.uniform(0.0, 0.6)) for c in clients)
            )
        finally:
            await asyncio.gather(*(c.aclose() for c in clients))


def test_followers_that_hang_up_never_stop_deployments() -> None:
    # A step every 0.1 s: followers are mostly waiting for the next line when they drop.
    with running_mock(*FAST[2:], "--deploy-speed", "10") as url:
        headers = {"Authorization": f"Bearer {get_token(url)}"}
        for _ in range(3):
            asyncio.run(_drop_followers(url, headers, 40))
        with httpx.Client(base_url=url, headers=headers, timeout=30) as api:
            created = api.post(
                "/api/v1/applications/app-123/deployments", json={"image": "my-app:v10"}
            ).json()

            def finished() -> bool:
                return api.get(f"/api/v1/deployments/{created['id']}").json()["status"] == "success"

            wait_until(finished)
            with api.stream("GET", f"/api/v1/deployments/{created['id']}/logs?follow=true") as r:
                events = _events(list(r.iter_lines()))
        assert events[-1] == ("end", {"status": "success"})


class _ConditionWaiters:
    """How followers used to wait for the next line: `asyncio.wait_for` on a Condition."""

    def __init__(self) -> None:
        self.condition = asyncio.Condition()

    async def wait(self, timeout: float) -> bool:
        async with self.condition:
            try:
                await asyncio.wait_for(self.condition.wait(), timeout)
                return True
            except TimeoutError:
                return False

    async def notify(self) -> None:
        async with self.condition:
            self.condition.notify_all()


class _BroadcastWaiters:
    """How they wait now."""

    def __init__(self) -> None:
        from miso_mock.broadcast import Broadcast

        self.broadcast = Broadcast()

    async def wait(self, timeout: float) -> bool:
        return await self.broadcast.wait(timeout)

    async def notify(self) -> None:
        self.broadcast.notify()


async def _still_announces_after_followers_drop(waiters: Any) -> bool:
    """20 of 21 waiters are cancelled three times each just as a line is announced, as a task
    group does to a stream whose client hung up; then: does the next announcement still
    reach a waiter? A waiter left holding a lock would stop every later announcement."""
    stayed = asyncio.create_task(waiters.wait(30))
    dropped = [asyncio.create_task(waiters.wait(30)) for _ in range(20)]
    await asyncio.sleep(0.01)
    await waiters.notify()
    for task in dropped:
        for _ in range(3):
            task.cancel()
            await asyncio.sleep(0)
    await asyncio.gather(*dropped, return_exceptions=True)
    try:
        async with asyncio.timeout(5):
            await stayed
            again = asyncio.create_task(waiters.wait(30))
            await asyncio.sleep(0.01)
            await waiters.notify()
            return bool(await again)
    except (TimeoutError, RuntimeError):
        return False


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="from Python 3.12 on, wait_for no longer waits in a task of its own, which is what "
    "left the Condition's lock held; the scenario reproduces the freeze on 3.11 only",
)
def test_the_scenario_reproduces_the_freeze_of_condition_based_followers() -> None:
    assert asyncio.run(_still_announces_after_followers_drop(_ConditionWaiters())) is False


def test_followers_dropped_as_a_line_is_announced_leave_announcing_working() -> None:
    assert asyncio.run(_still_announces_after_followers_drop(_BroadcastWaiters())) is True


def test_a_waiter_cancelled_again_and_again_leaves_nothing_behind() -> None:
    from miso_mock.broadcast import Broadcast

    async def scenario() -> None:
        broadcast = Broadcast()
        stayed = asyncio.create_task(broadcast.wait(30))
        dropped = [asyncio.create_task(broadcast.wait(30)) for _ in range(20)]
        await asyncio.sleep(0)
        assert broadcast.waiting == 21
        broadcast.notify()  # wakes all, and the dropped ones are cancelled as they wake
        for task in dropped:
            for _ in range(3):  # what a task group does to a task that has not finished yet
                task.cancel()
                await asyncio.sleep(0)
        assert await stayed is True
        assert broadcast.waiting == 0
        again = asyncio.create_task(broadcast.wait(30))
        await asyncio.sleep(0)
        broadcast.notify()
        assert await again is True
        assert await broadcast.wait(0.01) is False

    asyncio.run(scenario())
