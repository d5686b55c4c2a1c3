"""Peak resident memory of a server and its children, read from `/proc` while it runs.

Each process's `VmHWM` is the kernel's own high-water mark of its RSS, so a peak between two
samples is not missed; sampling only has to notice the processes (children may come and go).
"""

from __future__ import annotations

import threading
from pathlib import Path

PROC = Path("/proc")


def status_kib(pid: int, field: str, proc: Path = PROC) -> int | None:
    """A `kB` field of `/proc/PID/status` (`VmRSS`, `VmHWM`), or None if the process is gone."""
    try:
        text = (proc / str(pid) / "status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None


def process_tree(pid: int, proc: Path = PROC) -> list[int]:
    """`pid` and every live descendant (threads' children included)."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for children in (proc / str(current) / "task").glob("*/children"):
            try:
                pending.extend(int(child) for child in children.read_text().split())
            except (OSError, ValueError):
                continue
    return found


def tree_peak_kib(pid: int, proc: Path = PROC) -> int:
    """The summed high-water marks of the live tree: exact for one process, an upper bound
    for several (their peaks need not coincide)."""
    return sum(status_kib(p, "VmHWM", proc) or 0 for p in process_tree(pid, proc))


class RssSampler:
    """Polls a process tree in a background thread and keeps the highest peak seen."""

    def __init__(self, pid: int, interval: float = 0.05, proc: Path = PROC) -> None:
        self.pid = pid
        self.interval = interval
        self.proc = proc
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss-{pid}", daemon=True)

    def start(self) -> RssSampler:
        self._thread.start()
        return self

    def sample(self) -> None:
        self.peak_kib = max(self.peak_kib, tree_peak_kib(self.pid, self.proc))

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling (take one last sample first); the peak in KiB."""
        self.sample()
        self._stop.set()
        self._thread.join()
        return self.peak_kib
