/**
 * Token sources: client credentials with caching and refresh (an injected clock, and a real
 * short-lived token from the mock), the retry after a 401, and the browser guard.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  AuthenticationError,
  ClientCredentials,
  MisoClient,
  ServiceUnavailableError,
  type TokenSource,
} from "aifabrix-miso-sdk";

import { DEV, startMock, type Mock } from "./support/mock.js";

const BASE = "https://miso.test";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "X-Request-ID": "req-test" } });
}

function envelope(code: string, message: string) {
  return { error: { code, message, timestamp: "2024-01-15T10:30:00Z", request_id: "req-test" } };
}

/** A fake token endpoint: hands out tok-1, tok-2, ... and records each request body. */
function tokenServer(options: { expiresIn?: number; fail?: () => boolean } = {}) {
  const bodies: Record<string, unknown>[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    assert.equal(new URL(request.url).pathname, "/auth/token");
    assert.equal(request.headers.get("Content-Type"), "application/json");
    bodies.push((await request.json()) as Record<string, unknown>);
    if (options.fail?.()) return json(503, envelope("SERVICE_UNAVAILABLE", "try later"));
    return json(200, { access_token: `tok-${bodies.length}`, token_type: "Bearer", expires_in: options.expiresIn ?? 100, scope: "api" });
  };
  return { fetch, bodies };
}

describe("ClientCredentials with an injected clock", () => {
  test("posts the reference's JSON body and caches the token", async () => {
    const server = tokenServer();
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, scope: "api", fetch: server.fetch, now: () => 0 });
    assert.equal(await credentials.getToken(), "tok-1");
    assert.equal(await credentials.getToken(), "tok-1");
    assert.deepEqual(server.bodies, [
      { client_id: "miso-dev", client_secret: "miso-dev-secret", grant_type: "client_credentials", scope: "api" },
    ]);
  });

  test("refreshes before expiry: margin capped at half the lifetime", async () => {
    let now = 0;
    const server = tokenServer({ expiresIn: 100 });
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch: server.fetch, now: () => now });
    assert.equal(await credentials.getToken(), "tok-1");
    now = 49_999; // 100 s lifetime, default 60 s margin capped at 50 s: refresh at 50 s
    assert.equal(await credentials.getToken(), "tok-1");
    now = 50_000;
    assert.equal(await credentials.getToken(), "tok-2");
    now = 99_999;
    assert.equal(await credentials.getToken(), "tok-2");
    now = 100_000;
    assert.equal(await credentials.getToken(), "tok-3");
    assert.equal(server.bodies.length, 3);
  });

  test("a custom refresh margin", async () => {
    let now = 0;
    const server = tokenServer({ expiresIn: 3600 });
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch: server.fetch, now: () => now, refreshMarginSeconds: 10 });
    await credentials.getToken();
    now = 3_589_999;
    assert.equal(await credentials.getToken(), "tok-1");
    now = 3_590_000;
    assert.equal(await credentials.getToken(), "tok-2");
  });

  test("concurrent callers share one token request", async () => {
    const server = tokenServer();
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch: server.fetch, now: () => 0 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => credentials.getToken()));
    assert.deepEqual(tokens, Array(5).fill("tok-1"));
    assert.equal(server.bodies.length, 1);
  });

  test("forceRefresh fetches a new token even when the cached one looks fresh", async () => {
    const server = tokenServer();
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch: server.fetch, now: () => 0 });
    await credentials.getToken();
    assert.equal(await credentials.getToken({ forceRefresh: true }), "tok-2");
  });

  test("a failed early refresh keeps the still-valid token; after expiry the error surfaces", async () => {
    let now = 0;
    let failing = false;
    const server = tokenServer({ expiresIn: 100, fail: () => failing });
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch: server.fetch, now: () => now });
    await credentials.getToken();
    failing = true;
    now = 60_000;
    assert.equal(await credentials.getToken(), "tok-1");
    now = 100_000;
    await assert.rejects(credentials.getToken(), ServiceUnavailableError);
  });

  test("wrong credentials are an AuthenticationError", async () => {
    const fetch = async () => json(401, envelope("AUTHENTICATION_ERROR", "Invalid client credentials"));
    const credentials = new ClientCredentials({ baseUrl: BASE, ...DEV, fetch });
    const error = await credentials.getToken().catch((e: unknown) => e);
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.message, "Invalid client credentials");
    assert.equal(error.requestId, "req-test");
  });
});

describe("MisoClient and its token source", () => {
  test("a 401 is retried once with a fresh token, then surfaces", async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname === "/auth/token") {
        return json(200, { access_token: `tok-${seen.length + 1}`, token_type: "Bearer", expires_in: 3600, scope: "api" });
      }
      seen.push(request.headers.get("Authorization") ?? "");
      return json(401, envelope("AUTHENTICATION_ERROR", "Token expired"));
    };
    const client = new MisoClient({ baseUrl: BASE, ...DEV, fetch });
    await assert.rejects(client.users.me(), AuthenticationError);
    assert.deepEqual(seen, ["Bearer tok-1", "Bearer tok-2"]);
  });

  test("a custom TokenSource", async () => {
    const auth: TokenSource = { canRefresh: false, getToken: async () => "custom" };
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      return json(200, { Authorization: request.headers.get("Authorization") });
    };
    const client = new MisoClient({ baseUrl: BASE, auth, fetch });
    assert.deepEqual(await client.monitoring.health(), { Authorization: "Bearer custom" });
  });

  test("options must name one way to authenticate", () => {
    assert.throws(() => new MisoClient({ baseUrl: BASE }), TypeError);
    assert.throws(() => new MisoClient({ baseUrl: BASE, clientId: "a" }), TypeError);
    assert.throws(() => new MisoClient({ baseUrl: BASE, ...DEV, accessToken: "t" }), TypeError);
    assert.throws(() => new MisoClient({ baseUrl: "", ...DEV }), TypeError);
  });

  test("in a browser a client secret is refused; an access-token provider is the way", () => {
    const g = globalThis as Record<string, unknown>;
    g.window = globalThis;
    g.document = {};
    try {
      assert.throws(() => new MisoClient({ baseUrl: BASE, ...DEV }), /must never be shipped to a browser/);
      assert.ok(new MisoClient({ baseUrl: BASE, accessToken: async () => "from-my-backend" }));
      assert.ok(new MisoClient({ baseUrl: BASE, ...DEV, dangerouslyAllowBrowser: true }));
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});

describe("token refresh against the mock (tokens live 2 s)", () => {
  let mock: Mock;
  before(async () => {
    mock = await startMock("--token-ttl", "2");
  });
  after(async () => {
    await mock?.stop();
  });

  test("a new token is fetched before the old one expires, and the old one then stops working", async () => {
    const tokens: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const response = await globalThis.fetch(input, init);
      if (url.endsWith("/auth/token")) {
        tokens.push(((await response.clone().json()) as { access_token: string }).access_token);
      }
      return response;
    };
    const client = new MisoClient({ baseUrl: mock.baseUrl, ...DEV, fetch });
    assert.equal((await client.users.me()).client_id, "miso-dev");
    assert.equal((await client.users.me()).client_id, "miso-dev");
    assert.equal(tokens.length, 1, "the token is reused while fresh");

    await new Promise((resolve) => setTimeout(resolve, 1100)); // past half of the 2 s lifetime
    assert.equal((await client.users.me()).client_id, "miso-dev");
    assert.equal(tokens.length, 2, "a new token was fetched");

    await new Promise((resolve) => setTimeout(resolve, 1100)); // the first token has expired now
    const stale = new MisoClient({ baseUrl: mock.baseUrl, accessToken: tokens[0] as string });
    await assert.rejects(stale.users.me(), AuthenticationError);
  });

  test("a clock-injected refresh works against the real token endpoint", async () => {
    let now = Date.now();
    let issued = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      issued += 1;
      return globalThis.fetch(input, init);
    };
    const credentials = new ClientCredentials({ baseUrl: mock.baseUrl, ...DEV, fetch, now: () => now });
    const client = new MisoClient({ baseUrl: mock.baseUrl, auth: credentials });
    assert.ok((await client.environments.list()).data.length >= 1);
    now += 999;
    assert.ok((await client.environments.list()).data.length >= 1);
    assert.equal(issued, 1);
    now += 1; // half of the 2 s lifetime
    assert.ok((await client.environments.list()).data.length >= 1);
    assert.equal(issued, 2);
  });
});
