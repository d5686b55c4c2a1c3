/** Webhook signatures: WebCrypto HMAC-SHA256 against Node's own HMAC as the reference. */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";

import { parseWebhookEvent, signWebhookPayload, verifyWebhookSignature, WebhookSignatureError } from "aifabrix-miso-sdk";

const secret = "your-webhook-secret";
const body = JSON.stringify({ event: "application.created", timestamp: "2024-01-15T10:30:00Z", data: { id: "app-123", name: "my-application", status: "active" } });
const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

test("signWebhookPayload is sha256=<hex HMAC-SHA256 of the raw body>", async () => {
  assert.equal(await signWebhookPayload(body, secret), expected);
  assert.equal(await signWebhookPayload(new TextEncoder().encode(body), secret), expected);
});

test("verifyWebhookSignature accepts the right signature for text, bytes and buffers", async () => {
  const bytes = new TextEncoder().encode(body);
  assert.equal(await verifyWebhookSignature(body, expected, secret), true);
  assert.equal(await verifyWebhookSignature(bytes, expected, secret), true);
  assert.equal(await verifyWebhookSignature(bytes.buffer, expected, secret), true);
  assert.equal(await verifyWebhookSignature(Buffer.from(body), expected, secret), true);
  assert.equal(await verifyWebhookSignature(body, expected.toUpperCase().replace("SHA256=", "sha256="), secret), true);
});

test("verifyWebhookSignature rejects tampering, wrong secrets and malformed headers", async () => {
  assert.equal(await verifyWebhookSignature(body.replace("app-123", "app-124"), expected, secret), false);
  assert.equal(await verifyWebhookSignature(body, expected, "another-secret"), false);
  for (const header of [undefined, null, "", expected.slice(7), `sha1=${expected.slice(7)}`, "sha256=zz", expected.slice(0, -2)]) {
    assert.equal(await verifyWebhookSignature(body, header, secret), false, String(header));
  }
});

test("parseWebhookEvent returns the event only when the signature matches", async () => {
  const event = await parseWebhookEvent(body, expected, secret);
  assert.equal(event.event, "application.created");
  assert.equal(event.data.id, "app-123");
  await assert.rejects(parseWebhookEvent(body, expected, "wrong"), WebhookSignatureError);
});
