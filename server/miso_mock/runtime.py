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
from miso_mock.state_backends import open_state
from miso_mock.store import Snapshot, Store
from miso_mock.webhooks import WebhookDispatcher


class Runtime:
    """Holds what handlers and middleware share; one per app instance."""

    def __init__(self, options: MockOptions) -> None:
        self.options = options
        self.contract = miso_contract.bundle()
        self.routes = Routes(self.contract)
        self.random = random.Random(options.seed)
        self.started_at = clock.epoch()
        state = open_state(options)
        self.store: Store = state.store
        self.rate_windows = state.rate_windows
        self._resume_at_start = state.resume_at_start
        self.authority = Authority(state.issuer, token_ttl=options.token_ttl, key=state.signing_key)
        self.metrics: Metrics = state.metrics
        self.webhooks: WebhookDispatcher = state.webhooks
        self.simulator = Simulator(
            self.store,
            state.schedule,
            self.webhooks,
            self.metrics,
            options.deploy_speed,
            self.touch_application,
        )

    def touch_application(self, application_id: str) -> None:
        """Record that something about an application changed (its `updated_at`)."""
        self.store.update(
            "applications", application_id, lambda app: {**app, "updated_at": clock.iso()}
        )

    def reset(self, snapshot: Snapshot | None = None) -> None:
        """Replace the state (the start-up dataset by default) and resume what it has under way."""
        self.store.restore(snapshot if snapshot is not None else dataset.initial_snapshot())
        self.resume()

    def resume(self) -> None:
        """Continue what the state has under way (at start, only when no other replica of a
        shared store already does)."""
        self.simulator.start()
        self.webhooks.start()
        if not self._resume_at_start:
            self._resume_at_start = True  # a later reset or import is this replica's to run
            return
        self.simulator.resume()
        self.webhooks.resume()

    async def close(self) -> None:
        await self.simulator.close()
        await self.webhooks.close()
        self.store.close()
