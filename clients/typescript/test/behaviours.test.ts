/**
 * The behaviours `clients/sdk-behaviour.json` describes, against real mocks: one that answers
 * every request with 503 (`--error-rate 1`), a slow one (`--latency`), a plain one, and a port
 * where nothing listens for a refused connection.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { MisoClient, ServiceUnavailableError, TimeoutError, type ApplicationCreate } from "aifabrix-miso-sdk";

import { DEV, freePort, PACKAGE_ROOT, startMock, type Mock } from "./support/mock.js";

const MAX_RETRIES = 2; // clients/sdk-behaviour.json; the client must default to it
const APP: ApplicationCreate = { name: "ts-behaviour", environment: "production", configuration: { image: "x:1" } };

let plain: Mock;
let failing: Mock;
let slow: Mock;
before(async () => {
  plain = await startMock("--rate-limit", "100000/60");
  failing = await startMock("--error-rate", "1", "--rate-limit", "100000/60");
  slow = await startMock("--latency", "150", "--rate-limit", "100000/60");
});
after(async () => {
  await Promise.all([plain?.stop(), failing?.stop(), slow?.stop()]);
});

interface Sent {
  method: string;
  path: string;
  headers: Headers;
  status: number; // -1: the request failed
}

/** The global fetch, remembering every request it sends and what came back. */
function recordingFetch(sent: Sent[]): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const entry: Sent = { method: request.method, path: new URL(request.url).pathname, headers: request.headers, status: -1 };
    sent.push(entry);
    const response = await globalThis.fetch(input, init);
    entry.status = response.status;
    return response;
  };
}

const to = (sent: Sent[], method: string, path: string): Sent[] => sent.filter((s) => s.method === method && s.path === path);

test("every request, the token's too, names the SDK in its User-Agent", async () => {
  const sent: Sent[] = [];
  await new MisoClient({ baseUrl: plain.baseUrl, ...DEV, fetch: recordingFetch(sent) }).applications.list();
  assert.ok(sent.length >= 2);
  for (const s of sent) assert.match(s.headers.get("User-Agent") ?? "", /^aifabrix-miso-sdk\/\d/);
});

test("a GET is retried on 503 by default and the error keeps the request id", async () => {
  const sent: Sent[] = [];
  const client = new MisoClient({ baseUrl: failing.baseUrl, accessToken: "t", fetch: recordingFetch(sent) });
  const error = await client.environments.list().catch((e: unknown) => e);
  assert.ok(error instanceof ServiceUnavailableError, String(error));
  assert.ok(error.requestId);
  assert.equal(to(sent, "GET", "/api/v1/environments").length, 1 + MAX_RETRIES);
});

test("a POST answered with 503 is sent once", async () => {
  const sent: Sent[] = [];
  const client = new MisoClient({ baseUrl: failing.baseUrl, accessToken: "t", fetch: recordingFetch(sent) });
  await assert.rejects(client.applications.create(APP), ServiceUnavailableError);
  assert.equal(to(sent, "POST", "/api/v1/applications").length, 1);
});

test("a POST is retried when its connection was never made", async () => {
  const sent: Sent[] = [];
  const dead = `http://127.0.0.1:${await freePort()}`;
  const client = new MisoClient({ baseUrl: dead, accessToken: "t", fetch: recordingFetch(sent) });
  await assert.rejects(client.applications.create(APP));
  assert.deepEqual(to(sent, "POST", "/api/v1/applications").map((s) => s.status), [-1, -1, -1]);
});

test("retries per client, per view and per call", async () => {
  const sent: Sent[] = [];
  const client = new MisoClient({ baseUrl: failing.baseUrl, accessToken: "t", maxRetries: 0, fetch: recordingFetch(sent) });
  await assert.rejects(client.environments.list(), ServiceUnavailableError);
  assert.equal(sent.length, 1);
  await assert.rejects(client.environments.list({ maxRetries: 1 }), ServiceUnavailableError);
  assert.equal(sent.length, 3);
  await assert.rejects(client.withOptions({ maxRetries: 2 }).environments.list(), ServiceUnavailableError);
  assert.equal(sent.length, 6);
});

test("timeouts per client and per call; a timed-out GET is retried", async () => {
  const sent: Sent[] = [];
  const client = new MisoClient({ baseUrl: slow.baseUrl, ...DEV, timeout: 30_000, fetch: recordingFetch(sent) });
  await client.auth.getToken();
  await assert.rejects(client.environments.list({ timeout: 50, maxRetries: 1 }), TimeoutError);
  assert.equal(to(sent, "GET", "/api/v1/environments").length, 2);
  assert.ok((await client.environments.list()).data.length > 0); // the client's own timeout applies
  const impatient = new MisoClient({ baseUrl: slow.baseUrl, accessToken: "t", timeout: 50, maxRetries: 0 });
  await assert.rejects(impatient.environments.list(), TimeoutError);
});

test("per-call headers, a withOptions view, and the raw response", async () => {
  const sent: Sent[] = [];
  const client = new MisoClient({ baseUrl: plain.baseUrl, ...DEV, fetch: recordingFetch(sent) });
  const raw = await client.withRawResponse((c) => c.applications.list({}, { headers: { "X-Trace": "ts" } }));
  assert.equal(raw.status, 200);
  assert.ok(raw.requestId);
  assert.equal(raw.requestId, raw.headers.get("X-Request-ID"));
  assert.ok(raw.data.data.length > 0);
  await client.withOptions({ headers: { "X-View": "v" } }).applications.list();
  await client.applications.list();
  const lists = to(sent, "GET", "/api/v1/applications");
  assert.equal(lists[0]?.headers.get("X-Trace"), "ts");
  assert.equal(lists[1]?.headers.get("X-View"), "v");
  assert.equal(lists[2]?.headers.get("X-View"), null); // the view's options stay in the view
});

test("MISO_LOG=debug logs requests and answers, tokens redacted", async () => {
  const script = `
    import { MisoClient } from "aifabrix-miso-sdk";
    const client = new MisoClient({ baseUrl: ${JSON.stringify(plain.baseUrl)}, clientId: "miso-dev", clientSecret: "miso-dev-secret" });
    await client.applications.list();
    console.log(await client.auth.getToken());
  `;
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: PACKAGE_ROOT, env: { ...process.env, ...env } });
  const quiet = await run({ MISO_LOG: "" });
  assert.equal(quiet.stderr, "");
  const { stdout, stderr } = await run({ MISO_LOG: "debug" });
  const token = stdout.trim();
  assert.match(stderr, /miso: request GET .*\/api\/v1\/applications/);
  assert.match(stderr, /miso: response 200 GET/);
  assert.match(stderr, /\[redacted\]/);
  assert.ok(token.length > 0 && !stderr.includes(token));
});
