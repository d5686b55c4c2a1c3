from enum import StrEnum


class JsonWebKeyUse(StrEnum):
    SIG = "sig"

    def __str__(self) -> str:
        return str(self.value)
