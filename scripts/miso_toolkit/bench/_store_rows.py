"""Figures of the mock's state: a large store, the shared Redis store, and `--workers`.

- large store: 50,000 applications imported through `PUT /_mock/state`, then one page of the
  listing and one create, each on one connection (their latency), in memory and with
  `--state-file`; the cost of a request must not grow with the store.
- Redis: single-process throughput with `--store redis://` against the default memory store.
- workers: throughput of `--workers 2` against one worker, both on Redis (the speed-up of a
  second core).

Redis figures need Debian's `redis-server` (scripts/services/ensure-redis); without it they say
so instead of failing the benchmark. The Redis server is started here, on a free port, with
nothing kept on disk.
"""

from __future__ import annotations

import contextlib
import copy
import http.client
import json
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ._load import LoadResult, Scenario, create_body, run_load
from ._results import Extra
from ._servers import HOST, ServerKind, free_port, ours_command, post_json, running

LARGE_STORE = 50_000
LIST_PAGE = Scenario("list", "list page", "GET", "/api/v1/applications?limit=20", 200)
Say = Callable[[str], None]


def _create() -> Scenario:
    return Scenario("create", "create", "POST", "/api/v1/applications", 201, create_body(), "name")


def _kind(label: str, *options: str) -> ServerKind:
    return ServerKind(
        f"ours-{secrets.token_hex(2)}",
        label,
        lambda port: [*ours_command(port), *options],
        stateful=True,
    )


def _put_state(port: int, snapshot: bytes) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    try:
        connection.request("PUT", "/_mock/state", snapshot, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 200:
            raise RuntimeError(f"PUT /_mock/state answered {response.status}: {answer[:200]!r}")
    finally:
        connection.close()


def _token(port: int) -> str:
    body = {
        "client_id": "miso-dev",
        "client_secret": "miso-dev-secret",
        "grant_type": "client_credentials",
        "scope": "api",
    }
    return str(
        json.loads(post_json(port, "/auth/token", json.dumps(body).encode()))["access_token"]
    )


def large_snapshot(count: int = LARGE_STORE) -> dict[str, object]:
    """The start-up dataset with `count` more applications shaped like `app-123`."""
    from miso_mock import dataset

    snapshot = dataset.initial_snapshot()
    records = snapshot["records"]
    template = records["applications"]["app-123"]
    statuses = ("active", "inactive", "failed")
    for number in range(1000, 1000 + count):
        app_id = f"app-{number}"
        app = copy.deepcopy(template)
        moment = f"2024-02-{1 + number % 28:02d}T{number % 24:02d}:{number % 60:02d}:00Z"
        app.update(
            id=app_id,
            name=f"bulk-{number}",
            status=statuses[number % 3],
            environment=("production", "development")[number % 2],
            created_at=moment,
            updated_at=moment,
            _deployment_ids=[],
        )
        records["applications"][app_id] = app
    snapshot["counters"]["applications"] = 1000 + count
    return snapshot


def _latency(url: str, scenario: Scenario, token: str, duration: float) -> LoadResult:
    """One connection: every figure is one request's latency, none waits behind another."""
    run_load(url, scenario, token=token, connections=1, duration=1.0, unique_prefix="warm")
    return run_load(
        url,
        scenario,
        token=token,
        connections=1,
        duration=duration,
        unique_prefix=f"bench-{secrets.token_hex(4)}",
    )


def large_store(duration: float = 5.0, say: Say = print) -> list[Extra]:
    snapshot = json.dumps(large_snapshot()).encode()
    extras = []
    with tempfile.TemporaryDirectory() as scratch:
        variants = {
            "memory": (),
            "--state-file": ("--state-file", str(Path(scratch) / "state.json")),
        }
        for name, options in variants.items():
            with running(_kind(f"large store, {name}", *options)) as server:
                token = _token(server.port)
                # The same requests on the start-up dataset first: what "not growing" means.
                small_list = _latency(server.base_url, LIST_PAGE, token, duration)
                small_create = _latency(server.base_url, _create(), token, duration)
                started = time.perf_counter()
                _put_state(server.port, snapshot)
                imported = time.perf_counter() - started
                listing = _latency(server.base_url, LIST_PAGE, token, duration)
                create = _latency(server.base_url, _create(), token, duration)
            value = (
                f"list page p50 {listing.p50_ms:g} ms (p99 {listing.p99_ms:g}); "
                f"create p50 {create.p50_ms:g} ms (p99 {create.p99_ms:g})"
            )
            errors = sum(r.errors for r in (small_list, small_create, listing, create))
            note = (
                f"on the start-up dataset: list page p50 {small_list.p50_ms:g} ms, create p50 "
                f"{small_create.p50_ms:g} ms; {LARGE_STORE:,} applications imported in "
                f"{imported:.1f} s; one connection, {duration:g} s each; errors {errors}"
            )
            extras.append(Extra(f"large store ({name})", value, note))
            say(f"{extras[-1].label}: {value} ({note})")
    return extras


@contextlib.contextmanager
def _redis() -> Iterator[str | None]:
    """A throwaway `redis-server` on a free loopback port; None when none is installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    args = [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, check=False
            ).stdout.strip()
            != b"PONG"
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://{HOST}:{port}/0"
    finally:
        process.terminate()
        process.wait()


def _throughput(kind: ServerKind, connections: int, duration: float) -> dict[str, float]:
    with running(kind) as server:
        token = _token(server.port)
        rates = {}
        for scenario in (LIST_PAGE, _create()):
            run_load(
                server.base_url,
                scenario,
                token=token,
                connections=connections,
                duration=1.0,
                unique_prefix=f"warm-{secrets.token_hex(2)}",
            )
            post_json(server.port, "/_mock/reset", b"")
            run = run_load(
                server.base_url,
                scenario,
                token=token,
                connections=connections,
                duration=duration,
                unique_prefix=f"bench-{secrets.token_hex(4)}",
            )
            rates[scenario.key] = run.rps
        return rates


def shared_store(connections: int = 10, duration: float = 5.0, say: Say = print) -> list[Extra]:
    with _redis() as url:
        if url is None:
            reason = "redis-server is not installed (scripts/services/ensure-redis)"
            return [
                Extra("Redis store", "pending", reason),
                Extra("--workers 2", "pending", reason),
            ]
        memory = _throughput(_kind("memory"), connections, duration)
        redis_one = _throughput(_kind("redis", "--store", url), connections, duration)
        redis_two = _throughput(
            _kind("redis, 2 workers", "--store", url, "--workers", "2"), connections, duration
        )

    def rates(figures: dict[str, float]) -> str:
        return f"list {figures['list']:,.0f} req/s, create {figures['create']:,.0f} req/s"

    how = f"{connections} connections, {duration:g} s per figure"
    extras = [
        Extra(
            "Redis store (one process)",
            rates(redis_one),
            f"memory store: {rates(memory)}; list {redis_one['list'] / memory['list']:.2f}x, "
            f"create {redis_one['create'] / memory['create']:.2f}x of memory; {how}",
        ),
        Extra(
            "--workers 2 (Redis store)",
            rates(redis_two),
            f"speed-up over one worker: list {redis_two['list'] / redis_one['list']:.2f}x, "
            f"create {redis_two['create'] / redis_one['create']:.2f}x; {how}",
        ),
    ]
    for extra in extras:
        say(f"{extra.label}: {extra.value} ({extra.note})")
    return extras
