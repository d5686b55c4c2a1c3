"""The sync facade is derived from the async one, never edited by hand."""

from __future__ import annotations

from miso_toolkit import unasync


def test_the_sync_namespaces_are_derived_from_the_async_source() -> None:
    for source, target in unasync.PAIRS.items():
        assert target.read_text() == unasync.derived(source, target), "run `make clients`"


def test_unasync_drops_async_and_renames_names_but_not_strings() -> None:
    source = (
        "async def f(x: AsyncIterator[int]) -> None:\n"
        '    """An AsyncLogStream stays as written here."""\n'
        "    async for item in apaginate(x):\n"
        "        await item.aclose()\n"
    )
    assert unasync.unasync(source) == (
        "def f(x: Iterator[int]) -> None:\n"
        '    """An AsyncLogStream stays as written here."""\n'
        "    for item in paginate(x):\n"
        "        item.close()\n"
    )
