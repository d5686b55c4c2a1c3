from enum import StrEnum


class JsonWebKeyAlg(StrEnum):
    RS256 = "RS256"

    def __str__(self) -> str:
        return str(self.value)
