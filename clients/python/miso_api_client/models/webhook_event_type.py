from enum import StrEnum


class WebhookEventType(StrEnum):
    APPLICATION_CREATED = "application.created"
    APPLICATION_DELETED = "application.deleted"
    APPLICATION_UPDATED = "application.updated"
    DEPLOYMENT_COMPLETED = "deployment.completed"
    DEPLOYMENT_FAILED = "deployment.failed"
    DEPLOYMENT_STARTED = "deployment.started"

    def __str__(self) -> str:
        return str(self.value)
