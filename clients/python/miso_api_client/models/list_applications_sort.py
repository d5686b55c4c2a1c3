from enum import StrEnum


class ListApplicationsSort(StrEnum):
    CREATED_ATASC = "created_at:asc"
    CREATED_ATDESC = "created_at:desc"
    NAMEASC = "name:asc"
    NAMEDESC = "name:desc"
    STATUSASC = "status:asc"
    STATUSDESC = "status:desc"
    UPDATED_ATASC = "updated_at:asc"
    UPDATED_ATDESC = "updated_at:desc"

    def __str__(self) -> str:
        return str(self.value)
