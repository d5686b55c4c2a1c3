from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceRequirements")


@_attrs_define
class ResourceRequirements:
    """CPU and memory for each replica, in Kubernetes quantity notation.

    Example:
        {'cpu': '500m', 'memory': '1Gi'}

    Attributes:
        cpu (str | Unset): CPU, in cores (`0.5`) or millicores (`500m`).
        memory (str | Unset): Memory, in bytes or with a unit suffix (`512Mi`, `1Gi`).
    """

    cpu: str | Unset = UNSET
    memory: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        cpu = self.cpu

        memory = self.memory

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if memory is not UNSET:
            field_dict["memory"] = memory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cpu = d.pop("cpu", UNSET)

        memory = d.pop("memory", UNSET)

        resource_requirements = cls(
            cpu=cpu,
            memory=memory,
        )

        return resource_requirements
