from enum import StrEnum


class MetricName(StrEnum):
    DEPLOYMENTS_TOTAL = "deployments_total"
    HTTP_REQUESTS_TOTAL = "http_requests_total"
    HTTP_REQUEST_DURATION_SECONDS = "http_request_duration_seconds"

    def __str__(self) -> str:
        return str(self.value)
