"""Webhook deliveries shared by replicas: a Redis stream read by one consumer group.

With `--store redis://`, a delivery due for an attempt is an entry of one stream, and every
replica (and every worker) is a consumer of one group reading it, so one replica attempts each
entry. A new delivery's record and its entry are written by one script, so no delivery is
stored without being queued. A failed attempt to be retried waits in a sorted set, scored by
when it is due, and joins the stream again then, for whichever replica reads it next: no retry
waits on a timer of the process that made the attempt before.

An attempt's outcome is written to the delivery record (compare-and-set on the record as it
was read before the attempt) by the same Lua script that acknowledges the entry and, for a
retry, queues the next attempt: an outcome is recorded once, and an entry is acknowledged only
together with its outcome. At every poll a replica refreshes its claim on the entries it holds;
one that dies stops doing so, and `CLAIM_IDLE_SECONDS` later another replica takes its entries
over (XAUTOCLAIM) and attempts them again. The receiver may then see a delivery twice, with the
same `X-Miso-Delivery` (as it does any retry); the record shows one outcome, and `attempts`
counts the attempts whose outcome was recorded.

Keys, under the store's prefix:

    <p>:webhooks:ready   stream  {delivery, attempts}, read by the group `deliverers`
    <p>:webhooks:retry   zset    "<delivery>\\t<attempts>", scored by when it is due

An entry names how many attempts its delivery had when it was queued; one that no longer
matches the record (a duplicate, or left from before a reset) is dropped unattempted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import socket
from typing import Any

import redis

from miso_mock import clock
from miso_mock.redis_store import WRITE_FUNCTION_LUA, RedisStore, reachable
from miso_mock.store import Record, StoreUnavailable
from miso_mock.webhooks import MAX_CONCURRENT, WebhookDispatcher

logger = logging.getLogger("miso_mock.webhooks")

GROUP = "deliverers"
POLL_SECONDS = 0.25  # how often a replica looks for entries other replicas queued
# An entry its consumer has not refreshed for this long is another replica's to take: twenty
# polls of a replica that is alive, however slowly its receiver answers.
CLAIM_IDLE_SECONDS = 5.0
STREAM_MAXLEN = 10_000  # approximate (MAXLEN ~): entries awaiting an attempt, not history
RETRIES_PER_POLL = 100
# A consumer that holds nothing and has not read for this long is a replica gone (killed, or
# stopped without a goodbye): forgotten, so the group's list of consumers does not only grow.
FORGET_CONSUMER_SECONDS = 3600.0
FORGET_EVERY_POLLS = 240  # about once a minute

# KEYS: ready stream, retry zset. ARGV: group, consumer, now, claim idle (ms), entries wanted,
# stream length cap, retries to queue at most, then the ids of the entries this consumer
# holds. Queues the retries now due, refreshes the claim on held entries (those still this
# consumer's), then takes entries abandoned by others and new ones, up to the number wanted.
_POLL_LUA = """
local ready, retry = KEYS[1], KEYS[2]
local group, me, now, idle = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local wanted, maxlen, retries = tonumber(ARGV[5]), ARGV[6], ARGV[7]
redis.pcall('XGROUP', 'CREATE', ready, group, '0', 'MKSTREAM')
for _, member in ipairs(redis.call('ZRANGEBYSCORE', retry, '-inf', now, 'LIMIT', 0, retries)) do
  redis.call('ZREM', retry, member)
  local tab = string.find(member, '\\t', 1, true)
  redis.call('XADD', ready, 'MAXLEN', '~', maxlen, '*',
    'delivery', string.sub(member, 1, tab - 1), 'attempts', string.sub(member, tab + 1))
end
for i = 8, #ARGV do
  local pending = redis.call('XPENDING', ready, group, ARGV[i], ARGV[i], 1)
  if pending[1] and pending[1][2] == me then
    redis.call('XCLAIM', ready, group, me, 0, ARGV[i], 'JUSTID')
  end
end
local taken = {}
if wanted > 0 then
  local claimed = redis.call('XAUTOCLAIM', ready, group, me, idle, '0-0', 'COUNT', wanted)
  for _, entry in ipairs(claimed[2]) do table.insert(taken, entry) end
  if #taken < wanted then
    local new = redis.call('XREADGROUP', 'GROUP', group, me, 'COUNT', wanted - #taken,
      'STREAMS', ready, '>')
    if new then
      for _, entry in ipairs(new[1][2]) do table.insert(taken, entry) end
    end
  end
end
return taken
"""

# ARGV[1..8]: the record write (`RedisStore.write_args`, compare-and-set); ARGV[9..]: ready
# stream, group, entry id, retry zset, retry member ('' when settled), when it is due.
_OUTCOME_LUA = (
    WRITE_FUNCTION_LUA
    + """
local answer = write()
redis.call('XACK', ARGV[9], ARGV[10], ARGV[11])
redis.call('XDEL', ARGV[9], ARGV[11])
if answer == 'ok' and ARGV[13] ~= '' then
  redis.call('ZADD', ARGV[12], ARGV[14], ARGV[13])
end
return answer
"""
)

# ARGV[1..8]: the record write (`RedisStore.write_args`); ARGV[9..]: ready stream, its length
# cap, delivery id, attempts. A delivery is stored and queued together, or not at all.
_ADD_LUA = (
    WRITE_FUNCTION_LUA
    + """
local answer = write()
redis.call('XADD', ARGV[9], 'MAXLEN', '~', ARGV[10], '*',
  'delivery', ARGV[11], 'attempts', ARGV[12])
return answer
"""
)

# KEYS: ready stream. ARGV: group, idle (ms) after which a consumer holding nothing is gone.
_FORGET_LUA = """
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
if consumers.err then return 0 end
local forgotten = 0
for _, consumer in ipairs(consumers) do
  local info = {}
  for i = 1, #consumer, 2 do info[consumer[i]] = consumer[i + 1] end
  if info['pending'] == 0 and info['idle'] > tonumber(ARGV[2]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
    forgotten = forgotten + 1
  end
end
return forgotten
"""

Entry = tuple[str, str, int]  # stream entry id, delivery id, attempts when queued


def consumer_name() -> str:
    """Unique per process; it leads with the pid, so an operator (or a test) reading the
    group's pending entries can tell which process holds one."""
    return f"{os.getpid()}@{socket.gethostname()}/{secrets.token_hex(4)}"


def _entries(found: list[Any]) -> list[Entry]:
    entries = []
    for entry_id, fields in found:
        values = dict(zip(fields[::2], fields[1::2], strict=True))
        entries.append((str(entry_id), str(values["delivery"]), int(values["attempts"])))
    return entries


class StreamDispatcher(WebhookDispatcher):
    """`WebhookDispatcher` whose deliveries every replica of a shared store works off."""

    def __init__(self, store: RedisStore, *args: Any, **kwargs: Any) -> None:
        super().__init__(store, *args, **kwargs)
        self.redis_store = store
        self.client = store.client
        self.ready_key = f"{store.prefix}:webhooks:ready"
        self.retry_key = f"{store.prefix}:webhooks:retry"
        self.consumer = consumer_name()
        self._poll_script = self.client.register_script(_POLL_LUA)
        self._forget_script = self.client.register_script(_FORGET_LUA)
        self._polls = 0
        self._outcome_script = self.client.register_script(_OUTCOME_LUA)
        self._add_script = self.client.register_script(_ADD_LUA)
        self._held: set[str] = set()
        self._wake = asyncio.Event()
        self._consumer_task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._consumer_task is None:
            self._consumer_task = asyncio.get_running_loop().create_task(self._consume())

    @reachable
    def _add(self, delivery: Record) -> None:
        self._add_script(
            args=[
                *self.redis_store.write_args("deliveries", delivery["id"], delivery, "*"),
                self.ready_key,
                STREAM_MAXLEN,
                delivery["id"],
                delivery["attempts"],
            ]
        )
        self._wake.set()

    @reachable
    def _queue(self, delivery: Record) -> None:
        self.client.xadd(
            self.ready_key,
            {"delivery": delivery["id"], "attempts": delivery["attempts"]},
            maxlen=STREAM_MAXLEN,
            approximate=True,
        )
        self._wake.set()

    @reachable
    def resume(self) -> None:
        """After a reset or an import (or on the replica that seeded the store): what was
        queued belongs to the replaced state; queue the pending deliveries of this one."""
        with self.client.pipeline(transaction=True) as pipe:
            pipe.xtrim(self.ready_key, maxlen=0)
            pipe.delete(self.retry_key)
            pipe.execute()
        super().resume()

    async def _consume(self) -> None:
        while True:
            self._wake.clear()
            try:
                entries = self._poll()
            except StoreUnavailable:
                entries = []  # held entries stay pending: taken over once Redis answers
            except Exception:  # a broken entry must not stop every delivery
                logger.exception("polling webhook deliveries failed")
                entries = []
            for entry in entries:
                self._held.add(entry[0])
                self._start_task(self._handle(*entry))
            with contextlib.suppress(TimeoutError):  # woken by a queued delivery or free slot
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)

    @reachable
    def _poll(self) -> list[Entry]:
        self._polls += 1
        if self._polls % FORGET_EVERY_POLLS == 0:
            self.forget_gone_consumers(FORGET_CONSUMER_SECONDS)
        wanted = max(0, MAX_CONCURRENT - len(self._held))
        found = self._poll_script(
            keys=[self.ready_key, self.retry_key],
            args=[
                GROUP,
                self.consumer,
                clock.epoch(),
                int(CLAIM_IDLE_SECONDS * 1000),
                wanted,
                STREAM_MAXLEN,
                RETRIES_PER_POLL,
                *sorted(self._held),
            ],
        )
        return _entries(found)

    @reachable
    def forget_gone_consumers(self, idle_seconds: float) -> int:
        """Remove the group's consumers that hold nothing and have not read for
        `idle_seconds`; how many were removed."""
        args = [GROUP, int(idle_seconds * 1000)]
        return int(self._forget_script(keys=[self.ready_key], args=args))

    async def _handle(self, entry_id: str, delivery_id: str, attempts: int) -> None:
        try:
            raw = self.redis_store.raw("deliveries", delivery_id)
            delivery = json.loads(raw) if raw is not None else None
            hook = self.store.get("webhooks", delivery["webhook_id"]) if delivery else None
            if (
                raw is None
                or delivery is None
                or hook is None
                or delivery["status"] != "pending"
                or delivery["attempts"] != attempts
            ):
                self._drop(entry_id)  # forgotten, settled, or a stale duplicate
                return
            outcome = await self._attempt(hook, delivery)
            settled, delay = self.settle(delivery, outcome)
            self._record(entry_id, raw, settled, delay)
        except StoreUnavailable:
            pass  # still pending: attempted again once Redis answers
        except Exception:
            logger.exception("webhook delivery %s failed", delivery_id)
        finally:
            self._held.discard(entry_id)
            self._wake.set()  # a slot is free

    @reachable
    def _drop(self, entry_id: str) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.xack(self.ready_key, GROUP, entry_id)
            pipe.xdel(self.ready_key, entry_id)
            pipe.execute()

    @reachable
    def _record(self, entry_id: str, raw: str, delivery: Record, delay: float | None) -> None:
        """Write the outcome if the record is still the one attempted; acknowledge the entry;
        queue the retry (all or nothing)."""
        retry = "" if delay is None else f"{delivery['id']}\t{delivery['attempts']}"
        due = "" if delay is None else str(clock.epoch() + delay)
        self._outcome_script(
            args=[
                *self.redis_store.write_args("deliveries", delivery["id"], delivery, raw),
                self.ready_key,
                GROUP,
                entry_id,
                self.retry_key,
                retry,
                due,
            ]
        )

    async def close(self) -> None:
        held = sorted(self._held)
        if self._consumer_task is not None:
            self._consumer_task.cancel()
            self._consumer_task = None
        await super().close()
        # Entries this replica gave up are another's to take at once, not after the idle time.
        with contextlib.suppress(redis.RedisError):
            if held:
                idle = int(CLAIM_IDLE_SECONDS * 1000) * 2
                self.client.xclaim(
                    self.ready_key, GROUP, self.consumer, 0, held, idle=idle, justid=True
                )
            else:
                self.client.xgroup_delconsumer(self.ready_key, GROUP, self.consumer)
