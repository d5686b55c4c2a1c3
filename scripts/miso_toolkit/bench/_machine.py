"""What the figures were measured on: without the machine, a benchmark number means little."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path

from . import _tools


@dataclass(frozen=True)
class Machine:
    cpu_model: str
    cores: int
    memory_gib: float
    kernel: str
    python: str
    node: str
    prism: str
    autocannon: str
    load_average: str  # at the start of the run: other work competes for the same cores

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("CPU", self.cpu_model),
            ("cores available", str(self.cores)),
            ("memory", f"{self.memory_gib:.1f} GiB"),
            ("kernel", self.kernel),
            ("Python", self.python),
            ("Node.js", self.node),
            ("Stoplight Prism", self.prism),
            ("autocannon", self.autocannon),
            ("load average at start (1/5/15 min)", self.load_average),
        ]


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    try:
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib(meminfo: Path = Path("/proc/meminfo")) -> float:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def describe() -> Machine:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return Machine(
        cpu_model=cpu_model(),
        cores=len(os.sched_getaffinity(0)),
        memory_gib=memory_gib(),
        kernel=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
        node=_tools.node_version(),
        prism=_tools.package_version("@stoplight/prism-cli"),
        autocannon=_tools.package_version("autocannon"),
        load_average=load,
    )
