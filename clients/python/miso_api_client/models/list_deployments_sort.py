from enum import StrEnum


class ListDeploymentsSort(StrEnum):
    CREATED_AT_ASC = "created_at:asc"
    CREATED_AT_DESC = "created_at:desc"
    IMAGE_ASC = "image:asc"
    IMAGE_DESC = "image:desc"
    STATUS_ASC = "status:asc"
    STATUS_DESC = "status:desc"

    def __str__(self) -> str:
        return str(self.value)
