/**
 * Every namespace of the facade against the real mock: each operation of the contract is called
 * at least once, and what comes back is what the spec says (the mock checks its own responses).
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";

import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  MisoClient,
  MisoError,
  NotFoundError,
  paginate,
  SIGNATURE_HEADER,
  ValidationError,
  WebhookSignatureError,
  verifyWebhookSignature,
  type ApplicationCreate,
  type ApplicationSummary,
  type LogEntry,
} from "aifabrix-miso-sdk";

import { DEV, startMock, VIEWER, type Mock } from "./support/mock.js";

let mock: Mock;
let client: MisoClient;

before(async () => {
  // Deployments finish in a fraction of a second instead of five.
  mock = await startMock("--deploy-speed", "25");
  client = new MisoClient({ baseUrl: mock.baseUrl, ...DEV });
});
after(async () => {
  await mock?.stop();
});

/** A name no other test uses. */
let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

async function createApp(name = unique("app")) {
  return client.applications.create({ name, environment: "production", configuration: { image: "my-app:latest", replicas: 1 } });
}

describe("applications", () => {
  test("list, create, get, update, delete", async () => {
    const page = await client.applications.list({ limit: 5, sort: "name:asc" });
    assert.equal(page.pagination.limit, 5);
    assert.ok(page.data.length <= 5);

    const created = await client.applications.create({
      name: unique("crud"),
      description: "made by the TypeScript SDK tests",
      environment: "production",
      configuration: { image: "my-app:latest", replicas: 2, resources: { cpu: "500m", memory: "1Gi" } },
    });
    assert.equal(created.description, "made by the TypeScript SDK tests");
    assert.deepEqual(created.deployments, []);

    const fetched = await client.applications.get(created.id);
    assert.equal(fetched.name, created.name);
    assert.equal(fetched.configuration.resources?.memory, "1Gi");

    const renamed = unique("renamed");
    const updated = await client.applications.update(created.id, { name: renamed });
    assert.equal(updated.name, renamed);
    assert.equal(updated.configuration.image, "my-app:latest");

    const deleted = await client.applications.delete(created.id);
    assert.equal(deleted.id, created.id);
    await assert.rejects(client.applications.get(created.id), NotFoundError);
  });

  test("configuration get and update", async () => {
    const app = await createApp();
    const configuration = await client.applications.configuration.get(app.id);
    assert.equal(configuration.image, "my-app:latest");
    const replaced = await client.applications.configuration.update(app.id, {
      image: "my-app:v1.3.0",
      replicas: 5,
      environment_variables: { NEW_FEATURE: "enabled" },
    });
    assert.equal(replaced.replicas, 5);
    assert.deepEqual((await client.applications.get(app.id)).configuration.environment_variables, { NEW_FEATURE: "enabled" });
  });

  test("access get and update", async () => {
    const app = await createApp();
    const access = await client.applications.access.get(app.id);
    assert.equal(access.application_id, app.id);
    const owner = access.grants.find((grant) => grant.role === "owner");
    assert.ok(owner, "a new application has an owner");
    const updated = await client.applications.access.update(app.id, { grants: [owner] });
    assert.deepEqual(updated.grants, [owner]);
  });

  test("health and logs", async () => {
    const health = await client.applications.health("app-123");
    assert.equal(health.application_id, "app-123");
    assert.ok(["healthy", "degraded", "unhealthy"].includes(health.status));
    const logs = await client.applications.logs("app-123", { lines: 3, level: "info" });
    assert.ok(logs.logs.length <= 3);
    for (const entry of logs.logs) assert.ok(["info", "warn", "error"].includes(entry.level));
  });
});

describe("deployments", () => {
  test("create, get, list, logs", async () => {
    const app = await createApp();
    const deployment = await client.deployments.create(app.id, { image: "my-app:v1.2.3" });
    assert.equal(deployment.application_id, app.id);
    assert.equal((await client.deployments.get(deployment.id)).id, deployment.id);
    const page = await client.deployments.list(app.id, { limit: 10 });
    assert.deepEqual(
      page.data.map((d) => d.id),
      [deployment.id],
    );
    const logs = await client.deployments.logs("deploy-789", { lines: 2 });
    assert.ok(logs.logs.length <= 2);
  });

  test("streamed logs: an async iterator that ends with the deployment", async () => {
    const app = await createApp();
    const deployment = await client.deployments.create(app.id, { image: "my-app:v2.0.0" });
    const stream = client.deployments.streamLogs(deployment.id);
    const entries: LogEntry[] = [];
    for await (const entry of stream) entries.push(entry);
    assert.equal(stream.status, "success");
    assert.ok(entries.length >= 2, `got ${entries.length} log lines`);
    assert.equal(entries[0]?.message, "Starting deployment");
    assert.ok(entries.every((entry) => typeof entry.timestamp === "string" && typeof entry.source === "string"));
    assert.equal((await client.deployments.get(deployment.id)).status, "success");
  });

  test("streamed logs of a failing deployment end with status failed", async () => {
    const app = await createApp();
    const deployment = await client.deployments.create(app.id, { image: "my-app:fail" });
    const stream = client.deployments.streamLogs(deployment.id);
    const entries = await stream.toArray();
    assert.equal(stream.status, "failed");
    assert.ok(entries.some((entry) => entry.level === "error"));
  });

  test("breaking out of a log stream closes it", async () => {
    const stream = client.deployments.streamLogs("deploy-789");
    let seen = 0;
    for await (const _ of stream) {
      seen += 1;
      break;
    }
    assert.equal(seen, 1);
    assert.equal(stream.status, undefined);
  });

  test("a stream of an unknown deployment throws NotFoundError when iterated", async () => {
    await assert.rejects(client.deployments.streamLogs("deploy-nope").toArray(), NotFoundError);
  });
});

describe("environments", () => {
  test("list and get", async () => {
    const environments = await client.environments.list();
    assert.deepEqual(
      environments.data.map((e) => e.id).sort(),
      ["env-dev", "env-prod"],
    );
    assert.equal((await client.environments.get("env-prod")).name, "Production");
  });
});

describe("users", () => {
  test("me, list, get, update", async () => {
    const me = await client.users.me();
    assert.equal(me.client_id, "miso-dev");
    assert.ok(me.permissions.includes("miso:admin"));

    const admins = await client.users.list({ role: "admin" });
    assert.ok(admins.data.some((user) => user.id === "user-456"));
    const everyone = await client.users.listAll({ limit: 1 }).toArray();
    assert.ok(everyone.length >= admins.data.length);

    const john = await client.users.get("user-456");
    assert.equal(john.name, "John Doe");
    const renamed = await client.users.update("user-456", { name: "John Updated Doe" });
    assert.equal(renamed.name, "John Updated Doe");
    await client.users.update("user-456", { name: john.name });
  });
});

describe("monitoring", () => {
  test("metrics and health", async () => {
    const series = await client.monitoring.metrics({ metric: "http_requests_total", time_range: "1h", aggregation: "sum" });
    assert.equal(series.metric, "http_requests_total");
    assert.equal(series.time_range, "1h");
    assert.ok(Array.isArray(series.data));
    const health = await client.monitoring.health();
    assert.equal(health.status, "healthy");
    assert.ok("database" in health.checks);
  });
});

describe("auth", () => {
  test("token, validation, discovery, signing keys", async () => {
    const token = await client.auth.getToken();
    const verdict = await client.auth.validate(token);
    assert.equal(verdict.valid, true);
    assert.equal(verdict.claims?.client_id, "miso-dev");
    assert.equal((await client.auth.validate("not-a-token")).valid, false);

    const discovery = await client.auth.openIdConfiguration();
    assert.match(discovery.token_endpoint, /\/auth\/token$/);
    const jwks = await client.auth.jwks();
    assert.ok(jwks.keys.length >= 1);

    const issued = await client.auth.issueToken({ ...toTokenRequest(DEV), grant_type: "client_credentials" });
    assert.equal(issued.token_type, "Bearer");
  });
});

function toTokenRequest(credentials: { clientId: string; clientSecret: string }) {
  return { client_id: credentials.clientId, client_secret: credentials.clientSecret };
}

describe("webhooks", () => {
  interface Received {
    headers: IncomingHttpHeaders;
    body: Buffer;
  }
  let receiver: Server;
  let received: Received[];
  let hookUrl: string;

  before(async () => {
    received = [];
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(200).end();
      });
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/miso`;
  });
  after(async () => {
    receiver.close();
    await once(receiver, "close");
  });

  async function waitFor<T>(find: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  test("create, list, get, deliveries, delete; the delivery's signature verifies", async () => {
    const secret = "ts-sdk-webhook-secret";
    const webhook = await client.webhooks.create({ url: hookUrl, events: ["application.created"], secret });
    assert.equal(webhook.url, hookUrl);
    assert.equal((await client.webhooks.get(webhook.id)).id, webhook.id);
    assert.ok((await client.webhooks.list()).data.some((w) => w.id === webhook.id));
    assert.ok((await client.webhooks.listAll({ limit: 1 }).toArray()).some((w) => w.id === webhook.id));

    const app = await createApp();
    const delivery = await waitFor(
      () => received.find((r) => r.body.toString().includes(app.id)),
      "the application.created delivery",
    );
    const signature = delivery.headers[SIGNATURE_HEADER.toLowerCase()];
    assert.equal(typeof signature, "string");
    assert.equal(await verifyWebhookSignature(delivery.body, signature as string, secret), true);
    assert.equal(await client.webhooks.verifySignature(delivery.body.toString(), signature as string, secret), true);
    assert.equal(await verifyWebhookSignature(delivery.body, signature as string, "another-secret"), false);
    const event = await client.webhooks.parseEvent(delivery.body, signature as string, secret);
    assert.equal(event.event, "application.created");
    assert.equal(event.data.id, app.id);
    await assert.rejects(client.webhooks.parseEvent(Buffer.from(delivery.body.toString().replace(app.id, "app-0")), signature as string, secret), WebhookSignatureError);

    const delivered = await waitFor(async () => {
      const page = await client.webhooks.deliveries(webhook.id);
      return page.data.find((d) => d.status === "delivered");
    }, "the delivery to show as delivered");
    assert.equal(delivered.webhook_id, webhook.id);
    assert.equal(delivered.event, "application.created");
    assert.equal(delivered.last_status_code, 200);
    assert.ok((await client.webhooks.allDeliveries(webhook.id, { limit: 1 }).toArray()).length >= 1);

    assert.equal((await client.webhooks.delete(webhook.id)).id, webhook.id);
    await assert.rejects(client.webhooks.get(webhook.id), NotFoundError);
  });
});

describe("pagination helper", () => {
  test("listAll walks every page exactly once", async () => {
    const prefix = unique("paged");
    for (let i = 0; i < 5; i++) await createApp(`${prefix}-${i}`);
    const total = (await client.applications.list({ limit: 1 })).pagination.total;

    const iterator = client.applications.listAll({ limit: 2, sort: "created_at:asc" });
    const pages = [];
    for await (const page of iterator.pages()) pages.push(page);
    assert.equal(pages.length, Math.ceil(total / 2));
    assert.equal(pages.at(-1)?.pagination.has_next, false);

    const apps: ApplicationSummary[] = [];
    for await (const app of iterator) apps.push(app);
    assert.equal(apps.length, total);
    assert.equal(new Set(apps.map((a) => a.id)).size, total);
    assert.deepEqual(
      apps.filter((a) => a.name.startsWith(prefix)).map((a) => a.name),
      [0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`),
    );
  });

  test("paginate() over any list operation", async () => {
    const names: string[] = [];
    for await (const user of paginate((page) => client.users.list({ page, limit: 1 }))) names.push(user.name);
    assert.equal(names.length, (await client.users.list()).pagination.total);
  });
});

describe("typed errors from the envelope", () => {
  test("404 NotFoundError", async () => {
    const error = await client.applications.get("app-does-not-exist").catch((e: unknown) => e);
    assert.ok(error instanceof NotFoundError);
    assert.ok(error instanceof MisoError);
    assert.equal(error.status, 404);
    assert.equal(error.code, "RESOURCE_NOT_FOUND");
    assert.ok(error.requestId);
    assert.equal(error.requestId, error.headers.get("X-Request-ID"));
    assert.ok(error.timestamp);
  });

  test("409 ConflictError on a duplicate name", async () => {
    const error = await createApp("my-application").catch((e: unknown) => e);
    assert.ok(error instanceof ConflictError, String(error));
    assert.equal(error.status, 409);
    assert.equal(error.code, "RESOURCE_CONFLICT");
  });

  test("401 AuthenticationError for wrong client credentials", async () => {
    const wrong = new MisoClient({ baseUrl: mock.baseUrl, clientId: "miso-dev", clientSecret: "not-the-secret" });
    const error = await wrong.applications.list().catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.status, 401);
    assert.equal(error.code, "AUTHENTICATION_ERROR");
  });

  test("401 AuthenticationError for a token the server does not accept", async () => {
    const bogus = new MisoClient({ baseUrl: mock.baseUrl, accessToken: "not-a-jwt" });
    await assert.rejects(bogus.users.me(), AuthenticationError);
  });

  test("403 AuthorizationError for the read-only viewer", async () => {
    const viewer = new MisoClient({ baseUrl: mock.baseUrl, ...VIEWER });
    assert.ok((await viewer.applications.list()).data.length >= 1, "the viewer may read");
    const error = await viewer.applications
      .create({ name: unique("viewer"), environment: "production", configuration: { image: "x:1", replicas: 1 } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof AuthorizationError, String(error));
    assert.equal(error.status, 403);
    assert.equal(error.code, "AUTHORIZATION_ERROR");
  });

  test("400 ValidationError for a malformed body names the field", async () => {
    const malformed = { name: unique("bad"), environment: "production", configuration: { image: "x:1", replicas: "three" } };
    const error = await client.applications.create(malformed as unknown as ApplicationCreate).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.code, "VALIDATION_ERROR");
    assert.deepEqual(
      error.fieldErrors.map((f) => f.field),
      ["configuration.replicas"],
    );
  });

  test("400 ValidationError for a query parameter out of range", async () => {
    const error = await client.applications.list({ limit: 1000 }).catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.code, "VALIDATION_ERROR");
  });

  test("422 ValidationError for an environment that does not exist", async () => {
    const error = await client.applications
      .create({ name: unique("staging"), environment: "staging", configuration: { image: "x:1", replicas: 1 } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ValidationError, String(error));
    assert.equal(error.status, 422);
    assert.ok(error.fieldErrors.some((f) => f.field === "environment"), JSON.stringify(error.details));
  });
});

describe("access-token provider (browser mode: no client secret)", () => {
  /** Stands in for the app's backend: it holds the credentials, the browser code never does. */
  async function backendToken(): Promise<string> {
    const response = await fetch(`${mock.baseUrl}/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...toTokenRequest(DEV), grant_type: "client_credentials", scope: "api" }),
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  }

  test("a provider function is asked for a token per request", async () => {
    const calls: boolean[] = [];
    const browser = new MisoClient({
      baseUrl: mock.baseUrl,
      accessToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return backendToken();
      },
    });
    assert.equal((await browser.users.me()).client_id, "miso-dev");
    assert.ok((await browser.applications.list()).data.length >= 1);
    assert.deepEqual(calls, [false, false]);
  });

  test("after a 401 the provider is asked again with forceRefresh, and the request retried once", async () => {
    const calls: boolean[] = [];
    const browser = new MisoClient({
      baseUrl: mock.baseUrl,
      accessToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return forceRefresh ? backendToken() : "an-expired-token";
      },
    });
    assert.equal((await browser.users.me()).id, "user-456");
    assert.deepEqual(calls, [false, true]);
  });

  test("a fixed token string works too", async () => {
    const browser = new MisoClient({ baseUrl: mock.baseUrl, accessToken: await backendToken() });
    assert.equal((await browser.environments.get("env-dev")).id, "env-dev");
  });
});
