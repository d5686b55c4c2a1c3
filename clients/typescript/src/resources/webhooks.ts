/** `client.webhooks`: the `webhooks` tag, plus the signature helpers for receivers. */
import type { Transport } from "../_transport.js";
import type { DeleteResult, Webhook, WebhookCreate, WebhookDelivery, WebhookDeliveryList, WebhookEvent, WebhookList } from "../generated/schema.js";
import { PageIterator } from "../pagination.js";
import { parseWebhookEvent, verifyWebhookSignature, type WebhookPayload } from "../webhooks.js";
import type { QueryOf, RequestOptions, WithoutPage } from "./_common.js";

export type ListWebhooksParams = QueryOf<"listWebhooks">;
export type ListWebhookDeliveriesParams = QueryOf<"listWebhookDeliveries">;

export class Webhooks {
  readonly #t: Transport;
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** `listWebhooks`: one page. */
  list(params: ListWebhooksParams = {}, options: RequestOptions = {}): Promise<WebhookList> {
    return this.#t.call((api, init) => api.GET("/api/v1/webhooks", { params: { query: params }, ...init }), options);
  }

  /** Every webhook, page after page. */
  listAll(params: WithoutPage<ListWebhooksParams> = {}, options: RequestOptions = {}): PageIterator<Webhook> {
    return new PageIterator((page) => this.list({ ...params, page }, options));
  }

  /** `createWebhook`: subscribe `url` to `events`, signed with `secret`. */
  create(webhook: WebhookCreate, options: RequestOptions = {}): Promise<Webhook> {
    return this.#t.call((api, init) => api.POST("/api/v1/webhooks", { body: webhook, ...init }), options);
  }

  /** `getWebhook` (the secret is never returned). */
  get(webhookId: string, options: RequestOptions = {}): Promise<Webhook> {
    return this.#t.call(
      (api, init) => api.GET("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: webhookId } }, ...init }),
      options,
    );
  }

  /** `deleteWebhook`: stops deliveries, pending retries included. */
  delete(webhookId: string, options: RequestOptions = {}): Promise<DeleteResult> {
    return this.#t.call(
      (api, init) => api.DELETE("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: webhookId } }, ...init }),
      options,
    );
  }

  /** `listWebhookDeliveries`: one page of what was sent to the webhook, newest first. */
  deliveries(webhookId: string, params: ListWebhookDeliveriesParams = {}, options: RequestOptions = {}): Promise<WebhookDeliveryList> {
    return this.#t.call(
      (api, init) =>
        api.GET("/api/v1/webhooks/{webhook_id}/deliveries", {
          params: { path: { webhook_id: webhookId }, query: params },
          ...init,
        }),
      options,
    );
  }

  /** Every delivery of a webhook, page after page. */
  allDeliveries(
    webhookId: string,
    params: WithoutPage<ListWebhookDeliveriesParams> = {},
    options: RequestOptions = {},
  ): PageIterator<WebhookDelivery> {
    return new PageIterator((page) => this.deliveries(webhookId, { ...params, page }, options));
  }

  /** `verifyWebhookSignature`, here for discoverability: receivers need no client. */
  verifySignature(payload: WebhookPayload, signature: string | null | undefined, secret: string): Promise<boolean> {
    return verifyWebhookSignature(payload, signature, secret);
  }

  /** `parseWebhookEvent`: verify, then parse; throws `WebhookSignatureError` on a bad signature. */
  parseEvent(payload: WebhookPayload, signature: string | null | undefined, secret: string): Promise<WebhookEvent> {
    return parseWebhookEvent(payload, signature, secret);
  }
}
