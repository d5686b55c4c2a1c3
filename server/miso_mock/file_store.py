"""A memory store that keeps itself in one file: a snapshot line, then a journal of writes.

Rewriting the whole state per write grows with the store (seconds per create at 50,000
applications); appending one line per write does not. The file is

    {"records": ..., "counters": ...}       the state at the last compaction
    {"put": [kind, key, record]}            one line per write since
    {"delete": [kind, key]}
    {"counter": [kind, value]}

Each line is written (not fsynced) before the request that caused it is answered, so a process
killed with `kill -9` loses nothing it acknowledged; a torn last line (a write cut short) is
ignored on load. When the journal outgrows the snapshot, a background thread writes a fresh
snapshot to a temporary file in the same directory, fsyncs it, appends the lines written
meanwhile and renames it over the file: a crash leaves the old file or the new one, and the
temporary files a crash can leave behind are removed at the next start. A clean shutdown
compacts, so the file at rest is one JSON document (the format of `GET /_mock/state`).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from miso_mock.store import MemoryStore, Record, Snapshot, check_snapshot

COMPACT_MIN_BYTES = 1 << 20  # the journal may grow to this, or to the snapshot's size


def _line(entry: object) -> bytes:
    return json.dumps(entry, separators=(",", ":")).encode() + b"\n"


class FileStore(MemoryStore):
    """State in memory, every write journaled to `path`."""

    def __init__(self, path: Path, initial: Snapshot) -> None:
        self.path = path
        self._lock = threading.Lock()  # the journal's file and the compaction's hand-over
        self._file: IO[bytes] | None = None
        self._pending: list[bytes] | None = None  # lines written while a compaction runs
        self._compactor: threading.Thread | None = None
        self._journal_bytes = 0
        self._snapshot_bytes = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        super().__init__()
        self._load(initial)
        self._compact_now()

    # -- writes: the memory store's, then one journal line -------------------------------

    def put(self, kind: str, key: str, record: Record, unique: tuple[str, ...] = ()) -> None:
        super().put(kind, key, record, unique)
        if self._file is not None:
            self._append({"put": [kind, key, self._records[kind][key]]})

    def delete(self, kind: str, key: str) -> Record | None:
        record = super().delete(kind, key)
        if record is not None and self._file is not None:
            self._append({"delete": [kind, key]})
        return record

    def next_id(self, kind: str, prefix: str) -> str:
        value = super().next_id(kind, prefix)
        if self._file is not None:
            self._append({"counter": [kind, self._counters[kind]]})
        return value

    def restore(self, snapshot: Snapshot) -> None:
        super().restore(snapshot)
        if self._file is not None:
            self._compact_now()

    def close(self) -> None:
        """Compact what is left into one document (after a compaction under way)."""
        self._compact_now()
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    # -- the journal ----------------------------------------------------------------------

    def _append(self, entry: object) -> None:
        data = _line(entry)
        with self._lock:
            assert self._file is not None
            self._file.write(data)
            self._file.flush()  # in the kernel's hands: survives the process being killed
            if self._pending is not None:
                self._pending.append(data)
            self._journal_bytes += len(data)
        if self._compactor is None and self._journal_bytes > max(
            COMPACT_MIN_BYTES, self._snapshot_bytes
        ):
            self._start_compaction()

    def _load(self, initial: Snapshot) -> None:
        if not self.path.exists():
            self.restore(initial)
            return
        data = self.path.read_bytes()
        try:
            # One JSON document, however it is laid out: an export of `GET /_mock/state`, a
            # recording of `miso proxy --record`, or what a clean stop leaves.
            whole = json.loads(data)
        except ValueError:
            whole = None  # a snapshot line followed by journal lines
        if isinstance(whole, dict):
            check_snapshot(whole)
            self.restore(whole)
            return
        lines = data.split(b"\n")
        snapshot = json.loads(lines[0])
        check_snapshot(snapshot)
        self.restore(snapshot)
        for number, raw in enumerate(lines[1:], start=2):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                if number == len(lines) or all(not rest.strip() for rest in lines[number:]):
                    break  # a write cut short by a crash: it was never acknowledged
                raise
            self._replay(entry)

    def _replay(self, entry: dict[str, Any]) -> None:
        if "put" in entry:
            kind, key, record = entry["put"]
            MemoryStore.put(self, kind, key, record)
        elif "delete" in entry:
            kind, key = entry["delete"]
            MemoryStore.delete(self, kind, key)
        elif "counter" in entry:
            kind, value = entry["counter"]
            self._counters[kind] = int(value)

    def _remove_leftovers(self) -> None:
        for leftover in self.path.parent.glob(f".{self.path.name}.*"):
            leftover.unlink(missing_ok=True)

    # -- compaction -----------------------------------------------------------------------

    def _frozen_state(self) -> tuple[dict[str, dict[str, Record]], dict[str, int]]:
        """The state now, cheaply: stored records are never changed in place (a write puts a
        new record), so copying the dictionaries that hold them is enough."""
        return {kind: dict(records) for kind, records in self._records.items()}, dict(
            self._counters
        )

    def _compact_now(self) -> None:
        compactor = self._compactor
        if compactor is not None:
            compactor.join()
        records, counters = self._frozen_state()
        with self._lock:
            self._pending = []
        self._compact(records, counters)

    def _start_compaction(self) -> None:
        records, counters = self._frozen_state()
        with self._lock:
            self._pending = []
        self._compactor = threading.Thread(
            target=self._compact, args=(records, counters), name="miso-state-compaction"
        )
        self._compactor.daemon = True
        self._compactor.start()

    def _compact(self, records: dict[str, dict[str, Record]], counters: dict[str, int]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "wb", closefd=False) as handle:
                size = _write_snapshot(handle, records, counters)
                handle.flush()
                os.fsync(fd)
                with self._lock:
                    pending = self._pending or []
                    for data in pending:
                        handle.write(data)
                    handle.flush()
                    os.replace(tmp, self.path)
                    if self._file is not None:
                        self._file.close()
                    self._file = open(self.path, "ab")  # noqa: SIM115 (kept open for appends)
                    self._pending = None
                    self._snapshot_bytes = size
                    self._journal_bytes = sum(len(data) for data in pending)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        finally:
            os.close(fd)
            if threading.current_thread() is self._compactor:
                self._compactor = None


def _write_snapshot(
    handle: IO[bytes], records: dict[str, dict[str, Record]], counters: dict[str, int]
) -> int:
    """The snapshot line, one record at a time: each `json.dumps` is short, so a compaction
    in a thread never holds the interpreter long enough to stall requests."""
    size = 0

    def write(data: bytes) -> None:
        nonlocal size
        handle.write(data)
        size += len(data)

    write(b'{"records":{')
    for kind_number, (kind, by_key) in enumerate(records.items()):
        write((b"," if kind_number else b"") + json.dumps(kind).encode() + b":{")
        for number, (key, record) in enumerate(by_key.items()):
            write((b"," if number else b"") + json.dumps(key).encode() + b":")
            write(json.dumps(record, separators=(",", ":")).encode())
        write(b"}")
    write(b'},"counters":' + json.dumps(counters).encode() + b"}\n")
    return size
