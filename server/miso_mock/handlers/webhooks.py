"""Webhook subscriptions and the record of their deliveries."""

from __future__ import annotations

from miso_mock import clock
from miso_mock.context import current
from miso_mock.errors import field_error
from miso_mock.handlers._common import (
    Body,
    Result,
    page_body,
    page_of,
    public,
    require,
    sort_records,
)
from miso_mock.store import Record
from miso_mock.uri import is_uri


def _present(hook: Record) -> Body:
    return public(hook)


async def list_webhooks(page: int, limit: int) -> Result:
    hooks = sort_records(current().store.all("webhooks"), "created_at:asc")
    return page_of([_present(h) for h in hooks], page, limit), 200


async def create_webhook(body: Body) -> Result:
    if not is_uri(body["url"]):
        raise field_error(400, "url", f"{body['url']!r} is not a URI (RFC 3986)")
    store = current().store
    hook_id = store.next_id("webhooks", "wh")
    hook = {
        "id": hook_id,
        "url": body["url"],
        "events": list(body["events"]),
        "active": True,
        "created_at": clock.iso(),
        "_secret": body["secret"],
    }
    store.put("webhooks", hook_id, hook)
    return _present(hook), 201


async def get_webhook(webhook_id: str) -> Result:
    return _present(require("webhooks", webhook_id, "Webhook")), 200


async def delete_webhook(webhook_id: str) -> Result:
    store = current().store
    require("webhooks", webhook_id, "Webhook")
    store.delete("webhooks", webhook_id)
    for delivery in store.find("deliveries", "webhook_id", webhook_id):
        store.delete("deliveries", delivery["id"])
    return {"message": "Webhook deleted successfully", "id": webhook_id}, 200


async def list_webhook_deliveries(webhook_id: str, page: int, limit: int) -> Result:
    require("webhooks", webhook_id, "Webhook")
    newest_first, total = current().store.page(
        "deliveries", {"webhook_id": webhook_id}, "created_at:desc", (page - 1) * limit, limit
    )
    return page_body([public(d) for d in newest_first], page, limit, total), 200
