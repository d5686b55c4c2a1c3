"""Simulated time: applications get provisioned and deployments roll out in the background.

A deployment walks pending → in_progress → success (or failed when its image tag contains
`fail`), writing log lines shaped like the reference's as it goes. `--deploy-speed` divides
every step's delay.

No step is a timer of the process that started the work: each is an entry in a `Schedule`
(in process, or in Redis for a shared store) that every replica polls and claims, so killing
the replica that created a deployment changes nothing but a delay of one lease. A step is
decided by what is stored (the next one is the log's length), and its log line is appended
only if no other replica appended it meanwhile, so a step is never done twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass

from miso_mock import clock
from miso_mock.broadcast import Broadcast
from miso_mock.metrics import Metrics
from miso_mock.schedule import Schedule
from miso_mock.store import Record, Store, StoreUnavailable
from miso_mock.webhooks import WebhookDispatcher

logger = logging.getLogger("miso_mock.simulation")

STEP_SECONDS = 1.0
FINAL_STATUSES = frozenset({"success", "failed"})
LEASE_SECONDS = 3.0  # a claimed step not finished by then is another replica's to do
POLL_SECONDS = 0.25  # how often a replica looks for work other replicas scheduled
CLAIMS_PER_POLL = 100


def will_fail(image: str) -> bool:
    """The documented trigger: an image tag containing `fail`."""
    _, _, tag = image.rpartition(":")
    return "fail" in tag.lower()


@dataclass(frozen=True)
class Step:
    status: str | None
    level: str
    message: str
    source: str


def steps_for(image: str) -> list[Step]:
    start = [
        Step("in_progress", "info", "Starting deployment", "miso-controller"),
        Step(None, "info", f"Pulling image {image}", "docker"),
    ]
    if will_fail(image):
        return [
            *start,
            Step(None, "error", f"Failed to pull image {image}: manifest unknown", "docker"),
            Step("failed", "error", "Deployment failed", "miso-controller"),
        ]
    return [
        *start,
        Step(None, "info", "Image pulled successfully", "docker"),
        Step(None, "info", "Starting containers", "miso-controller"),
        Step("success", "info", "Deployment completed successfully", "miso-controller"),
    ]


class Simulator:
    """Schedules provisionings and deployment steps, performs the due ones, and wakes log
    followers of this process when it wrote a line."""

    def __init__(
        self,
        store: Store,
        schedule: Schedule,
        webhooks: WebhookDispatcher,
        metrics: Metrics,
        speed: float,
        on_change: Callable[[str], None],
    ) -> None:
        self.store = store
        self.schedule = schedule
        self.webhooks = webhooks
        self.metrics = metrics
        self.speed = speed
        self.on_change = on_change
        self.log_written = Broadcast()
        self._runner: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._next_wake = float("inf")

    @property
    def step_delay(self) -> float:
        return STEP_SECONDS / self.speed

    def provision(self, application_id: str) -> None:
        """In `step_delay` seconds, a `creating` application becomes active (or inactive)."""
        self._plan(f"provision:{application_id}")

    def deploy(self, deployment_id: str) -> None:
        self._plan(f"deploy:{deployment_id}")

    def _plan(self, item: str) -> None:
        due = clock.epoch() + self.step_delay
        self.schedule.add(item, due)
        if due < self._next_wake:
            self._wake.set()

    def start(self) -> None:
        """Begin performing due work (once, from the server's event loop)."""
        if self._runner is None:
            self._runner = asyncio.get_running_loop().create_task(
                self._run(), context=contextvars.Context()
            )

    def resume(self) -> None:
        """Schedule whatever the state has under way (after a restart, reset or import)."""
        for app in self.store.all("applications"):
            if app["status"] == "creating":
                self.provision(app["id"])
        for deployment in self.store.all("deployments"):
            if deployment["status"] not in FINAL_STATUSES:
                self.deploy(deployment["id"])

    async def _run(self) -> None:
        while True:
            try:
                await self._perform_due()
                next_due = self.schedule.next_due()
            except StoreUnavailable:
                next_due = None  # the store is back soon; the leases keep the work
            except Exception:  # one broken record must not stop every simulation
                logger.exception("simulation step failed")
                next_due = None
            now = clock.epoch()
            wait = POLL_SECONDS if next_due is None else min(POLL_SECONDS, next_due - now)
            self._next_wake = now + max(wait, 0.0)
            self._wake.clear()
            if wait > 0:
                with contextlib.suppress(TimeoutError):  # woken by new work, or time is up
                    await asyncio.wait_for(self._wake.wait(), wait)

    async def _perform_due(self) -> None:
        for item in self.schedule.claim(clock.epoch(), LEASE_SECONDS, CLAIMS_PER_POLL):
            kind, _, key = item.partition(":")
            if kind == "provision":
                self._provisioned(key)
                self.schedule.done(item)
            elif await self._deploy_step(key):
                self.schedule.add(item, clock.epoch() + self.step_delay)
            else:
                self.schedule.done(item)

    def _provisioned(self, application_id: str) -> None:
        def activated(app: Record) -> Record:
            if app["status"] != "creating":
                return app
            replicas = app["configuration"].get("replicas", 1)
            return {**app, "status": active_status(replicas)}

        self.store.update("applications", application_id, activated)

    async def _deploy_step(self, deployment_id: str) -> bool:
        """Perform the deployment's next step; True while steps remain."""
        deployment = self.store.get("deployments", deployment_id)
        log = self.store.get("logs", deployment_id)
        if deployment is None or log is None:
            return False  # deleted with its application
        steps = steps_for(deployment["image"])
        done = len(log["lines"])
        if done >= len(steps):
            # The last line was written by a replica that died before the status: finish it.
            final = steps[-1].status
            if final is not None and deployment["status"] != final:
                self._set_status(deployment, final)
            return False
        step = steps[done]
        line = {
            "timestamp": clock.iso(),
            "level": step.level,
            "message": step.message,
            "source": step.source,
        }
        appended = False

        def append(stored: Record) -> Record:
            nonlocal appended
            appended = len(stored["lines"]) == done
            return {**stored, "lines": [*stored["lines"], line]} if appended else stored

        self.store.update("logs", deployment_id, append)
        if appended and step.status is not None:
            self._set_status(deployment, step.status)
        self.log_written.notify()
        return done + 1 < len(steps)

    def _set_status(self, deployment: Record, status: str) -> None:
        def changed(stored: Record) -> Record:
            updated = {**stored, "status": status}
            if status in FINAL_STATUSES:
                created = clock.parse(str(stored["created_at"]))
                updated["completed_at"] = clock.iso()
                updated["duration"] = max(0, int(clock.epoch() - created))
            return updated

        if self.store.update("deployments", str(deployment["id"]), changed) is None:
            return
        if status in FINAL_STATUSES:
            self.metrics.record_deployment(status)
        self.on_change(str(deployment["application_id"]))
        event = {
            "in_progress": "deployment.started",
            "success": "deployment.completed",
            "failed": "deployment.failed",
        }[status]
        self.webhooks.emit(
            event,
            {
                "id": deployment["id"],
                "application_id": deployment["application_id"],
                "status": status,
            },
        )

    async def close(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            self._runner = None


def active_status(replicas: int) -> str:
    """An application with no replicas is inactive."""
    return "active" if replicas > 0 else "inactive"
