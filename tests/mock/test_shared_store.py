"""Several mocks on one Redis behave as one mock: records, ids, tokens, rate limits, reset."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.mock.conftest import FAST
from tests.support.redis_server import RedisServer, redis_binary, running_redis
from tests.support.servers import (
    MISO,
    REPO_ROOT,
    free_port,
    get_token,
    running_mock,
    wait_until_up,
)

APP = {"environment": "production", "configuration": {"image": "shared:1"}}
# Writers and creates per writer: the full 32 x 1,000 is a benchmark-sized run (see `miso
# bench`); here enough that requests of different replicas interleave.
WRITERS, CREATES = 32, 15


@pytest.fixture(scope="module")
def replicas(redis_server: RedisServer) -> Iterator[list[str]]:
    """Three mocks on three ports over one Redis, with a rate limit small enough to reach."""
    redis_server.flush()
    store = ("--store", redis_server.url)
    with ExitStack() as stack:
        urls = [stack.enter_context(running_mock(*FAST, *store)) for _ in range(3)]
        yield urls


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


def test_records_ids_and_tokens_are_shared(replicas: list[str]) -> None:
    httpx.post(f"{replicas[0]}/_mock/reset").raise_for_status()
    token = get_token(replicas[0])
    ids = []
    for number, url in enumerate(replicas * 2):
        with _client(url, token) as api:  # a token from the first replica works on all
            response = api.post("/api/v1/applications", json={**APP, "name": f"s{number}"})
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
    assert ids == [f"app-{124 + n}" for n in range(6)]  # one counter for all replicas
    for url in replicas:
        with _client(url, get_token(url)) as api:
            listed = api.get("/api/v1/applications", params={"limit": 100}).json()
            assert {app["id"] for app in listed["data"]} == {"app-123", *ids}
    jwks = {httpx.get(f"{url}/.well-known/jwks.json").text for url in replicas}
    assert len(jwks) == 1


def test_reset_and_state_act_on_every_replica(replicas: list[str]) -> None:
    token = get_token(replicas[0])
    with _client(replicas[0], token) as api:
        api.post("/api/v1/applications", json={**APP, "name": "to-be-reset"}).raise_for_status()
    snapshot = httpx.get(f"{replicas[1]}/_mock/state").json()
    assert any(a["name"] == "to-be-reset" for a in snapshot["records"]["applications"].values())
    assert httpx.post(f"{replicas[2]}/_mock/reset").status_code == 200
    with _client(replicas[0], token) as api:
        assert [a["id"] for a in api.get("/api/v1/applications").json()["data"]] == ["app-123"]
    assert httpx.put(f"{replicas[2]}/_mock/state", json=snapshot).status_code == 200
    with _client(replicas[1], token) as api:
        names = {a["name"] for a in api.get("/api/v1/applications").json()["data"]}
        assert "to-be-reset" in names


def test_concurrent_writers_on_three_replicas_lose_nothing(replicas: list[str]) -> None:
    httpx.post(f"{replicas[0]}/_mock/reset").raise_for_status()
    token = get_token(replicas[0])

    def write(writer: int) -> list[int]:
        with _client(replicas[writer % 3], token) as api:
            return [
                api.post("/api/v1/applications", json={**APP, "name": f"w{writer}-{n}"}).status_code
                for n in range(CREATES)
            ]

    with ThreadPoolExecutor(WRITERS) as pool:
        statuses = [status for result in pool.map(write, range(WRITERS)) for status in result]
    assert statuses == [201] * (WRITERS * CREATES)
    with _client(replicas[1], token) as api:
        total = api.get("/api/v1/applications").json()["pagination"]["total"]
    assert total == WRITERS * CREATES + 1  # and app-123


def test_one_name_created_on_two_replicas_at_once_is_taken_once(replicas: list[str]) -> None:
    httpx.post(f"{replicas[0]}/_mock/reset").raise_for_status()
    token = get_token(replicas[0])
    clients = [_client(url, token) for url in replicas[:2]]
    for round_number in range(15):
        barrier = threading.Barrier(2)
        body = {**APP, "name": f"race-{round_number}"}

        def create(api: httpx.Client, body: dict = body, barrier=barrier) -> int:
            barrier.wait()
            return api.post("/api/v1/applications", json=body).status_code

        with ThreadPoolExecutor(2) as pool:
            statuses = sorted(pool.map(create, clients))
        assert statuses == [201, 409], (round_number, statuses)
    for api in clients:
        api.close()


def test_concurrent_updates_of_different_fields_keep_both(replicas: list[str]) -> None:
    httpx.post(f"{replicas[0]}/_mock/reset").raise_for_status()
    token = get_token(replicas[0])
    rounds = 25

    def describe(api: httpx.Client) -> None:
        for n in range(rounds):
            api.put(
                "/api/v1/applications/app-123", json={"description": f"d{n}"}
            ).raise_for_status()

    def scale(api: httpx.Client) -> None:
        for n in range(rounds):
            configuration = {"image": f"my-app:{n}", "replicas": 3}
            api.put(
                "/api/v1/applications/app-123/configuration", json=configuration
            ).raise_for_status()

    with _client(replicas[0], token) as first, _client(replicas[1], token) as second:
        threads = [threading.Thread(target=describe, args=(first,))]
        threads.append(threading.Thread(target=scale, args=(second,)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        app = second.get("/api/v1/applications/app-123").json()
    assert app["description"] == f"d{rounds - 1}"
    assert app["configuration"]["image"] == f"my-app:{rounds - 1}"


def test_the_rate_limit_counts_a_client_on_every_replica(redis_server: RedisServer) -> None:
    # A database of its own: the other tests' replicas run with a limit they never reach.
    redis_server.client(db=3).flushdb()
    options = ("--store", redis_server.url_of(3), "--rate-limit", "6/600")
    with ExitStack() as stack:
        urls = [stack.enter_context(running_mock(*options)) for _ in range(2)]
        token = get_token(urls[0])
        responses = []
        for number in range(8):  # alternating: each replica alone would allow all eight
            with _client(urls[number % 2], token) as api:
                responses.append(api.get("/api/v1/environments"))
    left = int(responses[0].headers["x-ratelimit-remaining"])  # after the first request
    statuses = [response.status_code for response in responses]
    assert statuses == [200] * (left + 1) + [429] * (7 - left)
    assert left < 7


def test_two_workers_serve_one_state(redis_server: RedisServer) -> None:
    redis_server.flush()
    with running_mock(*FAST, "--store", redis_server.url, "--workers", "2") as url:
        token = get_token(url)
        ids = set()
        for number in range(20):
            # A new connection each time: the kernel spreads them over both workers.
            with _client(url, token) as api:
                response = api.post("/api/v1/applications", json={**APP, "name": f"k{number}"})
                assert response.status_code == 201, response.text
                ids.add(response.json()["id"])
                assert api.get(f"/api/v1/applications/{response.json()['id']}").status_code == 200
        with _client(url, get_token(url)) as api:
            listed = api.get("/api/v1/applications", params={"limit": 100}).json()
    assert len(ids) == 20
    assert ids <= {app["id"] for app in listed["data"]}


def test_workers_without_a_shared_store_are_refused() -> None:
    result = subprocess.run(
        [MISO, "mock", "--workers", "2"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "--workers 2 needs --store redis://" in result.stderr


def test_an_unreachable_store_is_refused_at_start() -> None:
    with running_redis() as server:
        url = server.url
    result = subprocess.run(
        [MISO, "mock", "--store", url], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert f"cannot reach the store at {url}" in result.stderr


def test_redis_down_gives_503_with_retry_after_and_no_damage(tmp_path: Path) -> None:
    server = RedisServer(redis_binary(), free_port(), data_dir=tmp_path)  # restarted below
    server.start()
    try:
        with running_mock(*FAST, "--store", server.url) as url:
            token = get_token(url)
            acknowledged: list[str] = []
            others: list[httpx.Response] = []
            stop = threading.Event()

            def load() -> None:
                with _client(url, token) as api:
                    number = 0
                    while not stop.is_set():
                        body = {**APP, "name": f"load-{number}"}
                        response = api.post("/api/v1/applications", json=body)
                        number += 1
                        if response.status_code == 201:
                            acknowledged.append(response.json()["id"])
                        else:
                            others.append(response)

            worker = threading.Thread(target=load)
            worker.start()
            _wait_for(lambda: len(acknowledged) >= 5)
            server.stop()
            _wait_for(lambda: len(others) >= 3)
            server.start()
            seen = len(acknowledged)
            _wait_for(lambda: len(acknowledged) >= seen + 5)
            stop.set()
            worker.join()
            with _client(url, token) as api:
                down = api.get("/api/v1/applications")  # answered again
                listed = api.get("/api/v1/applications", params={"limit": 100}).json()
        assert down.status_code == 200
        for response in others:
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"] == "1"
            assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE"
        names = [app["name"] for app in listed["data"]]
        assert len(names) == len(set(names)) == listed["pagination"]["total"]
        assert set(acknowledged) <= {app["id"] for app in listed["data"]}
    finally:
        server.stop()


def _wait_for(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_a_deployment_finishes_after_the_replica_that_started_it_is_killed(
    redis_server: RedisServer,
) -> None:
    redis_server.flush()
    options = ("--store", redis_server.url, "--deploy-speed", "2", "--rate-limit", "100000/60")
    port = free_port()
    first = subprocess.Popen(
        [MISO, "mock", "--port", str(port), "--quiet", *options],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first_url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{first_url}/api/v1/openapi.json", first)
        with running_mock(*options) as second_url:
            token = get_token(first_url)
            with _client(first_url, token) as api:
                created = api.post(
                    "/api/v1/applications/app-123/deployments", json={"image": "x:2"}
                )
            assert created.status_code == 201, created.text
            path = f"/api/v1/deployments/{created.json()['id']}"
            with _client(second_url, token) as api:
                _wait_for(lambda: api.get(path).json()["status"] != "pending")
                first.kill()  # SIGKILL: nothing of it runs on
                first.wait()
                _wait_for(lambda: api.get(path).json()["status"] == "success")
                lines = api.get(f"{path}/logs").json()["logs"]
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert [line["message"] for line in lines] == [
        "Starting deployment",
        "Pulling image x:2",
        "Image pulled successfully",
        "Starting containers",
        "Deployment completed successfully",
    ]
