"""Wake every waiting task at once, without a lock.

Log followers wait for the next line; the simulator announces each one. An `asyncio.Condition`
makes every waiter take its lock again on the way out, and a waiter cancelled while doing so
(a client hanging up, cancelled by its task group more than once) can leave the lock held: from
then on nobody could announce anything. Here announcing is a plain call and waiting holds
nothing, so a cancelled waiter only removes its own future.
"""

from __future__ import annotations

import asyncio


class Broadcast:
    """`notify()` wakes every task currently in `wait()`."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, timeout: float) -> bool:
        """True when notified, False after `timeout` seconds without a notification."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            async with asyncio.timeout(timeout):
                await waiter
            return True
        except TimeoutError:
            return False
        finally:
            self._waiters.discard(waiter)

    @property
    def waiting(self) -> int:
        """How many tasks wait right now (what a test can watch)."""
        return len(self._waiters)
