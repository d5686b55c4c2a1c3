from enum import StrEnum


class ListUsersSort(StrEnum):
    CREATED_AT_ASC = "created_at:asc"
    CREATED_AT_DESC = "created_at:desc"
    EMAIL_ASC = "email:asc"
    EMAIL_DESC = "email:desc"
    NAME_ASC = "name:asc"
    NAME_DESC = "name:desc"

    def __str__(self) -> str:
        return str(self.value)
