from enum import StrEnum


class ListDeploymentsSort(StrEnum):
    CREATED_ATASC = "created_at:asc"
    CREATED_ATDESC = "created_at:desc"
    IMAGEASC = "image:asc"
    IMAGEDESC = "image:desc"
    STATUSASC = "status:asc"
    STATUSDESC = "status:desc"

    def __str__(self) -> str:
        return str(self.value)
