"""Where a mock keeps its state, chosen by its options: in process (memory, or a journaled
file) or in Redis, shared with every other replica pointed at the same database. The state is
more than records: the services that keep some of their own (rate windows, the schedule,
webhook deliveries, metrics) come in both forms too, and are picked here together."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import rsa

from miso_mock import dataset
from miso_mock.file_store import FileStore
from miso_mock.metrics import Metrics
from miso_mock.options import MockOptions, base_url
from miso_mock.rate_windows import RateWindows, Windows
from miso_mock.redis_store import RedisStore
from miso_mock.schedule import MemorySchedule, RedisSchedule, Schedule
from miso_mock.shared import (
    RedisRateWindows,
    shared_issuer,
    shared_origin_marker,
    shared_signing_key,
)
from miso_mock.shared_metrics import RedisMetrics
from miso_mock.store import MemoryStore, Store
from miso_mock.webhook_stream import StreamDispatcher
from miso_mock.webhooks import WebhookDispatcher

STORE_SCHEMES = ("redis://", "rediss://", "unix://")


@dataclass(frozen=True)
class State:
    store: Store
    rate_windows: Windows
    signing_key: rsa.RSAPrivateKey | None  # None: this process makes its own
    issuer: str  # what tokens say issued them; the same on every replica
    schedule: Schedule
    webhooks: WebhookDispatcher
    metrics: Metrics
    # Whether work under way in the state (deployments, deliveries) is this process's to
    # continue at start: not when other replicas already run it.
    resume_at_start: bool


def open_state(options: MockOptions) -> State:
    if options.store:
        store = RedisStore(options.store)
        seeded = store.initialise(dataset.initial_snapshot())
        marker = shared_origin_marker(store.client, store.prefix)
        return State(
            store,
            RedisRateWindows(store.client, store.prefix, *options.rate_limit),
            shared_signing_key(store.client, store.prefix),
            shared_issuer(store.client, store.prefix, base_url(options)),
            RedisSchedule(store.client, store.prefix),
            StreamDispatcher(store, *_webhook_settings(options), origin_marker=marker),
            RedisMetrics(store.client, store.prefix),
            resume_at_start=seeded,
        )
    local: Store = (
        FileStore(options.state_file, dataset.initial_snapshot())
        if options.state_file
        else MemoryStore(dataset.initial_snapshot())
    )
    return State(
        local,
        RateWindows(*options.rate_limit),
        None,
        base_url(options),
        MemorySchedule(),
        WebhookDispatcher(local, *_webhook_settings(options)),
        Metrics(),
        resume_at_start=True,
    )


def _webhook_settings(
    options: MockOptions,
) -> tuple[tuple[str, ...], float, int, int, tuple[str, int]]:
    return (
        options.webhook_hosts,
        options.webhook_retry_base,
        options.webhook_max_attempts,
        options.max_deliveries,
        (options.host, options.port),
    )
