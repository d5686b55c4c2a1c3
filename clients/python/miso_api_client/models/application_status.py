from enum import StrEnum


class ApplicationStatus(StrEnum):
    ACTIVE = "active"
    CREATING = "creating"
    FAILED = "failed"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
