package ai.aifabrix.miso;

import ai.aifabrix.miso.client.api.WebhooksApi;
import ai.aifabrix.miso.model.DeleteResult;
import ai.aifabrix.miso.model.Webhook;
import ai.aifabrix.miso.model.WebhookCreate;
import ai.aifabrix.miso.model.WebhookDelivery;
import ai.aifabrix.miso.model.WebhookDeliveryList;
import ai.aifabrix.miso.model.WebhookList;

/** Webhook subscriptions and their delivery attempts. */
public final class Webhooks extends Namespace<Webhooks> {
    private final WebhooksApi api;

    Webhooks(MisoClient client, RequestOptions options) {
        super(client, options, o -> new Webhooks(client, o));
        this.api = new WebhooksApi(client.api());
    }

    @Operation("listWebhooks")
    public WebhookList list(Integer page, Integer limit) {
        return call(() -> api.listWebhooks(page, limit));
    }

    public WebhookList list() {
        return list(null, null);
    }

    public Iterable<Webhook> listAll() {
        return new Pages<>(page -> list(page, null), WebhookList::getData, WebhookList::getPagination);
    }

    @Operation("createWebhook")
    public Webhook create(WebhookCreate webhook) {
        return call(() -> api.createWebhook(webhook));
    }

    @Operation("getWebhook")
    public Webhook get(String webhookId) {
        return call(() -> api.getWebhook(webhookId));
    }

    @Operation("deleteWebhook")
    public DeleteResult delete(String webhookId) {
        return call(() -> api.deleteWebhook(webhookId));
    }

    @Operation("listWebhookDeliveries")
    public WebhookDeliveryList deliveries(String webhookId, Integer page, Integer limit) {
        return call(() -> api.listWebhookDeliveries(webhookId, page, limit));
    }

    public Iterable<WebhookDelivery> deliveriesAll(String webhookId) {
        return new Pages<>(page -> deliveries(webhookId, page, null),
                WebhookDeliveryList::getData, WebhookDeliveryList::getPagination);
    }
}
