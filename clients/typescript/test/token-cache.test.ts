/**
 * `cachedTokenProvider`: the browser pattern keeps one token until shortly before it expires
 * (an injected clock; the fetcher stands for the app's own backend).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { cachedTokenProvider, type IssuedToken } from "aifabrix-miso-sdk";

function backend(lifetimeSeconds = 100): { fetches: () => number; fetchToken: () => Promise<IssuedToken> } {
  let count = 0;
  return {
    fetches: () => count,
    fetchToken: async () => {
      count += 1;
      return { access_token: `token-${count}`, expires_in: lifetimeSeconds };
    },
  };
}

describe("cachedTokenProvider", () => {
  test("keeps the token until the refresh margin (capped at half the lifetime), then fetches anew", async () => {
    let now = 0;
    const server = backend(100);
    const provider = cachedTokenProvider(server.fetchToken, { now: () => now });
    assert.equal(await provider({ forceRefresh: false }), "token-1");
    now = 49_999;
    assert.equal(await provider({ forceRefresh: false }), "token-1");
    assert.equal(server.fetches(), 1);
    now = 50_000;
    assert.equal(await provider({ forceRefresh: false }), "token-2");
  });

  test("forceRefresh (after a 401) fetches a new token at once", async () => {
    const server = backend();
    const provider = cachedTokenProvider(server.fetchToken, { now: () => 0 });
    assert.equal(await provider({ forceRefresh: false }), "token-1");
    assert.equal(await provider({ forceRefresh: true }), "token-2");
    assert.equal(await provider({ forceRefresh: false }), "token-2");
  });

  test("concurrent requests share one fetch", async () => {
    const server = backend();
    const provider = cachedTokenProvider(server.fetchToken, { now: () => 0 });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider({ forceRefresh: false })));
    assert.deepEqual(new Set(tokens), new Set(["token-1"]));
    assert.equal(server.fetches(), 1);
  });

  test("a backend answer without a token or lifetime is a clear error, not a cached undefined", async () => {
    const provider = cachedTokenProvider(async () => ({ access_token: "", expires_in: 60 }));
    await assert.rejects(async () => provider({ forceRefresh: false }), TypeError);
    const noLifetime = cachedTokenProvider(async () => ({ access_token: "t" }) as IssuedToken);
    await assert.rejects(async () => noLifetime({ forceRefresh: false }), TypeError);
  });
});
