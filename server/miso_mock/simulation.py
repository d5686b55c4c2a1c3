"""Simulated time: applications get provisioned and deployments roll out in the background.

A deployment walks pending → in_progress → success (or failed when its image tag contains
`fail`), writing log lines shaped like the reference's as it goes. `--deploy-speed` divides
every step's delay.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from dataclasses import dataclass

from miso_mock import clock
from miso_mock.broadcast import Broadcast
from miso_mock.metrics import Metrics
from miso_mock.store import Store
from miso_mock.webhooks import WebhookDispatcher

STEP_SECONDS = 1.0
FINAL_STATUSES = frozenset({"success", "failed"})


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
    """Runs the background progressions and wakes log followers when a line is written."""

    def __init__(
        self,
        store: Store,
        webhooks: WebhookDispatcher,
        metrics: Metrics,
        speed: float,
        on_change: Callable[[str], None],
    ) -> None:
        self.store = store
        self.webhooks = webhooks
        self.metrics = metrics
        self.speed = speed
        self.on_change = on_change
        self.log_written = Broadcast()
        self._tasks: set[asyncio.Task[None]] = set()
        # Provisioning is one timer per application, not a task: a create is the hottest
        # write, and a task (with its coroutine, frame and sleep future) costs it far more.
        self._provisioning: dict[str, asyncio.TimerHandle] = {}

    @property
    def step_delay(self) -> float:
        return STEP_SECONDS / self.speed

    def spawn(self, coroutine: object) -> None:
        # Its own context: a copy of the request's would keep the request alive with it.
        task = asyncio.get_running_loop().create_task(
            coroutine,  # type: ignore[arg-type]
            context=contextvars.Context(),
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def provision(self, application_id: str) -> None:
        """In `step_delay` seconds, a `creating` application becomes active (or inactive)."""
        pending = self._provisioning.pop(application_id, None)
        if pending is not None:
            pending.cancel()
        # An empty context: a copy of the request's would keep its scope alive until then.
        self._provisioning[application_id] = asyncio.get_running_loop().call_later(
            self.step_delay, self._provisioned, application_id, context=contextvars.Context()
        )

    def deploy(self, deployment_id: str) -> None:
        self.spawn(self._deploy(deployment_id))

    def resume(self) -> None:
        """Continue whatever was under way when the state was saved."""
        for app in self.store.all("applications"):
            if app["status"] == "creating":
                self.provision(app["id"])
        for deployment in self.store.all("deployments"):
            if deployment["status"] not in FINAL_STATUSES:
                self.deploy(deployment["id"])

    def _provisioned(self, application_id: str) -> None:
        self._provisioning.pop(application_id, None)
        app = self.store.get("applications", application_id)
        if app is None or app["status"] != "creating":
            return
        replicas = app["configuration"].get("replicas", 1)
        self.store.put("applications", app["id"], {**app, "status": active_status(replicas)})

    async def _deploy(self, deployment_id: str) -> None:
        deployment = self.store.get("deployments", deployment_id)
        if deployment is None:
            return
        log = self.store.get("logs", deployment_id) or {"deployment_id": deployment_id, "lines": []}
        done = len(log["lines"])
        for step in steps_for(deployment["image"])[done:]:
            await asyncio.sleep(self.step_delay)
            deployment = self.store.get("deployments", deployment_id)
            log = self.store.get("logs", deployment_id)
            if deployment is None or log is None:
                return  # deleted with its application
            line = {
                "timestamp": clock.iso(),
                "level": step.level,
                "message": step.message,
                "source": step.source,
            }
            self.store.put("logs", deployment_id, {**log, "lines": [*log["lines"], line]})
            if step.status is not None:
                await self._set_status(deployment, step.status)
            self.log_written.notify()

    async def _set_status(self, deployment: dict[str, object], status: str) -> None:
        updated = {**deployment, "status": status}
        if status in FINAL_STATUSES:
            created = clock.parse(str(deployment["created_at"]))
            updated["completed_at"] = clock.iso()
            updated["duration"] = max(0, int(clock.epoch() - created))
            self.metrics.record_deployment(status)
        self.store.put("deployments", str(deployment["id"]), updated)
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
        for task in list(self._tasks):
            task.cancel()
        for timer in self._provisioning.values():
            timer.cancel()
        self._provisioning.clear()


def active_status(replicas: int) -> str:
    """An application with no replicas is inactive."""
    return "active" if replicas > 0 else "inactive"
