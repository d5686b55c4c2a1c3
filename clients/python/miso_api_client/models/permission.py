from enum import StrEnum


class Permission(StrEnum):
    MISOADMIN = "miso:admin"
    MISODELETE = "miso:delete"
    MISOREAD = "miso:read"
    MISOWRITE = "miso:write"

    def __str__(self) -> str:
        return str(self.value)
