/**
 * Webhook signatures. Miso signs each delivery's raw body with HMAC-SHA256 under the webhook's
 * secret and sends `X-Miso-Signature: sha256=<hex>`. These helpers use WebCrypto
 * (`crypto.subtle`), so they run in browsers, Node 20, Deno, Bun and edge runtimes alike.
 *
 * Verify the bytes exactly as received: a body parsed and re-serialised is not the body that was
 * signed.
 */
import { WebhookSignatureError } from "./errors.js";
import type { WebhookEvent } from "./generated/schema.js";

/** A raw request body: the text, or its bytes. */
export type WebhookPayload = string | ArrayBuffer | ArrayBufferView;

/** The header that carries the signature. */
export const SIGNATURE_HEADER = "X-Miso-Signature";
const PREFIX = "sha256=";
const encoder = new TextEncoder();

function bytesOf(payload: WebhookPayload): Uint8Array<ArrayBuffer> {
  if (typeof payload === "string") return encoder.encode(payload);
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  const view = new Uint8Array(payload.byteLength);
  view.set(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
  return view;
}

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The `X-Miso-Signature` value for `payload` under `secret`: `sha256=<hex>`. */
export async function signWebhookPayload(payload: WebhookPayload, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), bytesOf(payload));
  return PREFIX + Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether `signature` (the `X-Miso-Signature` header) is the HMAC-SHA256 of `payload` under
 * `secret`. The comparison is WebCrypto's `verify`, which takes constant time.
 */
export async function verifyWebhookSignature(
  payload: WebhookPayload,
  signature: string | null | undefined,
  secret: string,
): Promise<boolean> {
  if (typeof signature !== "string" || !signature.startsWith(PREFIX)) return false;
  const expected = hexToBytes(signature.slice(PREFIX.length).trim());
  if (expected === undefined) return false;
  return crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), expected, bytesOf(payload));
}

/**
 * Verify a delivery and parse it: the `WebhookEvent`, or a `WebhookSignatureError` when the
 * signature does not match (never trust the body then).
 */
export async function parseWebhookEvent(
  payload: WebhookPayload,
  signature: string | null | undefined,
  secret: string,
): Promise<WebhookEvent> {
  if (!(await verifyWebhookSignature(payload, signature, secret))) {
    throw new WebhookSignatureError(`${SIGNATURE_HEADER} does not match the payload`);
  }
  const text = typeof payload === "string" ? payload : new TextDecoder().decode(bytesOf(payload));
  return JSON.parse(text) as WebhookEvent;
}
