"""One running mock: its options, state and the services around it."""

from __future__ import annotations

import random

import miso_contract

from miso_mock import clock, dataset
from miso_mock.auth import Authority
from miso_mock.metrics import Metrics
from miso_mock.options import MockOptions
from miso_mock.routes import Routes
from miso_mock.simulation import Simulator
from miso_mock.store import FileStore, MemoryStore, Snapshot, Store
from miso_mock.webhooks import WebhookDispatcher


class Runtime:
    """Holds what handlers and middleware share; one per app instance."""

    def __init__(self, options: MockOptions) -> None:
        self.options = options
        self.contract = miso_contract.bundle()
        self.routes = Routes(self.contract)
        self.random = random.Random(options.seed)
        self.started_at = clock.epoch()
        self.store: Store = (
            FileStore(options.state_file, dataset.initial_snapshot())
            if options.state_file
            else MemoryStore(dataset.initial_snapshot())
        )
        self.authority = Authority(token_ttl=options.token_ttl)
        self.metrics = Metrics()
        self.webhooks = WebhookDispatcher(
            self.store,
            options.webhook_hosts,
            options.webhook_retry_base,
            options.webhook_max_attempts,
        )
        self.simulator = Simulator(
            self.store, self.webhooks, self.metrics, options.deploy_speed, self.touch_application
        )

    def touch_application(self, application_id: str) -> None:
        """Record that something about an application changed (its `updated_at`)."""
        app = self.store.get("applications", application_id)
        if app is not None:
            self.store.put("applications", application_id, {**app, "updated_at": clock.iso()})

    def reset(self, snapshot: Snapshot | None = None) -> None:
        """Replace the state (the start-up dataset by default) and resume what it has under way."""
        self.store.restore(snapshot if snapshot is not None else dataset.initial_snapshot())
        self.resume()

    def resume(self) -> None:
        self.simulator.resume()
        self.webhooks.resume()

    async def close(self) -> None:
        await self.simulator.close()
        await self.webhooks.close()
