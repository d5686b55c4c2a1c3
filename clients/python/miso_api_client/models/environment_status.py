from enum import StrEnum


class EnvironmentStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    MAINTENANCE = "maintenance"

    def __str__(self) -> str:
        return str(self.value)
