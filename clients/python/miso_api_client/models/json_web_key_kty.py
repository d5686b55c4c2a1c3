from enum import StrEnum


class JsonWebKeyKty(StrEnum):
    RSA = "RSA"

    def __str__(self) -> str:
        return str(self.value)
