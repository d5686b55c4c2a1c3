"""A real `redis-server` on a free loopback port, for the tests of the shared store.

It keeps nothing on disk (`--save '' --appendonly no`) and can be stopped and started again on
the same port, to test what the mock does while its store is down.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import redis

from tests.support.servers import free_port

INSTALL_HINT = "install it with scripts/services/ensure-redis (as root; Debian's redis-server)"


def redis_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(f"redis-server is not on PATH: {INSTALL_HINT}")
    return binary


class RedisServer:
    """With `data_dir`, it keeps an append-only file there, so a restart keeps the data."""

    def __init__(self, binary: str, port: int, data_dir: Path | None = None) -> None:
        self.binary = binary
        self.port = port
        self.data_dir = data_dir
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", ""]
        if self.data_dir is None:
            args += ["--appendonly", "no"]
        else:
            args += ["--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.data_dir)]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = self.client()
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, decode_responses=True)

    def url_of(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flush(self) -> None:
        """An empty database: the next mock seeds the start-up dataset again."""
        self.client().flushall()


@contextlib.contextmanager
def running_redis() -> Iterator[RedisServer]:
    server = RedisServer(redis_binary(), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
