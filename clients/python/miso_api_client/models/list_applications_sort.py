from enum import StrEnum


class ListApplicationsSort(StrEnum):
    CREATED_AT_ASC = "created_at:asc"
    CREATED_AT_DESC = "created_at:desc"
    NAME_ASC = "name:asc"
    NAME_DESC = "name:desc"
    STATUS_ASC = "status:asc"
    STATUS_DESC = "status:desc"
    UPDATED_AT_ASC = "updated_at:asc"
    UPDATED_AT_DESC = "updated_at:desc"

    def __str__(self) -> str:
        return str(self.value)
