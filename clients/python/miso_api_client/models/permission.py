from enum import StrEnum


class Permission(StrEnum):
    MISO_ADMIN = "miso:admin"
    MISO_DELETE = "miso:delete"
    MISO_READ = "miso:read"
    MISO_WRITE = "miso:write"

    def __str__(self) -> str:
        return str(self.value)
