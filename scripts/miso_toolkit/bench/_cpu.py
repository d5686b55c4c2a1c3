"""CPU time a server spends, read from `/proc/PID/stat`.

On a shared machine throughput swings with whatever else runs; the server's own CPU time per
request hardly does, so it is the steadier measure of how much work a request costs.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._rss import PROC, process_tree

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int, proc: Path = PROC) -> float:
    """User + system time of one process so far, or 0 if it is gone."""
    try:
        text = (proc / str(pid) / "stat").read_text()
    except OSError:
        return 0.0
    # The command name (field 2) may hold spaces; the fields after its `)` are fixed.
    fields = text.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu_seconds(pid: int, proc: Path = PROC) -> float:
    return sum(cpu_seconds(p, proc) for p in process_tree(pid, proc))
