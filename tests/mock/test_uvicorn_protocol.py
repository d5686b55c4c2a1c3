"""The mock's uvicorn protocol sends what one event-loop turn writes as one write.

Every other test of the mock runs through it too (`miso mock` serves with it), streamed
deployment logs included; these pin down the transport's own rules.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from miso_mock.patches import CoalescingTransport


class RecordingTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, bytes]] = []
        self.closing = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.events.append(("write", bytes(data)))

    def write_eof(self) -> None:
        self.events.append(("eof", b""))

    def close(self) -> None:
        self.closing = True
        self.events.append(("close", b""))

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: object = None) -> object:
        return ("127.0.0.1", 8080) if name == "sockname" else default


async def _next_turn() -> None:
    await asyncio.sleep(0)
    await asyncio.sleep(0)


def recorded(
    scenario: Callable[[CoalescingTransport, RecordingTransport], Awaitable[None]],
) -> list[tuple[str, bytes]]:
    """What reached the wrapped transport when `scenario` ran, a turn after it ended."""

    async def run() -> list[tuple[str, bytes]]:
        raw = RecordingTransport()
        await scenario(CoalescingTransport(raw, asyncio.get_running_loop()), raw)
        await _next_turn()
        return raw.events

    return asyncio.run(run())


def test_writes_of_one_turn_leave_as_one_and_later_turns_leave_apart() -> None:
    async def scenario(transport: CoalescingTransport, raw: RecordingTransport) -> None:
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(b"")
        transport.write(b'{"ok": true}')
        assert raw.events == []  # nothing leaves before the turn ends
        await _next_turn()
        transport.writelines([b"data: 1\n\n"])

    assert recorded(scenario) == [
        ("write", b'HTTP/1.1 200 OK\r\n\r\n{"ok": true}'),
        ("write", b"data: 1\n\n"),
    ]


def test_closing_sends_what_is_pending_first() -> None:
    async def scenario(transport: CoalescingTransport, raw: RecordingTransport) -> None:
        transport.write(b"head")
        transport.write(b"body")
        transport.close()

    assert recorded(scenario) == [("write", b"headbody"), ("close", b"")]


def test_nothing_is_written_to_a_transport_that_is_closing() -> None:
    async def scenario(transport: CoalescingTransport, raw: RecordingTransport) -> None:
        transport.write(b"late")
        raw.closing = True  # the peer went away during the turn

    assert recorded(scenario) == []


def test_everything_else_is_the_wrapped_transports() -> None:
    async def scenario(transport: CoalescingTransport, raw: RecordingTransport) -> None:
        assert transport.get_extra_info("sockname") == ("127.0.0.1", 8080)

    assert recorded(scenario) == []
