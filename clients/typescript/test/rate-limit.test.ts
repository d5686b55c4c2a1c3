/** 429 from a mock that allows three requests a minute: a RateLimitError with `Retry-After`. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { MisoClient, MisoError, RateLimitError } from "aifabrix-miso-sdk";

import { DEV, startMock, type Mock } from "./support/mock.js";

let mock: Mock;
before(async () => {
  mock = await startMock("--rate-limit", "3/60");
});
after(async () => {
  await mock?.stop();
});

test("past the limit: RateLimitError with retryAfter and the limit's details", async () => {
  // retries off: a retry would wait the whole window out (Retry-After) and then succeed
  const client = new MisoClient({ baseUrl: mock.baseUrl, ...DEV, maxRetries: 0 });
  let error: unknown;
  let succeeded = 0;
  for (let i = 0; i < 10 && error === undefined; i++) {
    try {
      await client.environments.list();
      succeeded += 1;
    } catch (e) {
      error = e;
    }
  }
  assert.ok(succeeded <= 3, `${succeeded} requests went through a 3/60 limit`);
  assert.ok(error instanceof RateLimitError, String(error));
  assert.ok(error instanceof MisoError);
  assert.equal(error.status, 429);
  assert.equal(error.code, "RATE_LIMIT_EXCEEDED");
  assert.ok(error.retryAfter !== undefined && error.retryAfter > 0 && error.retryAfter <= 60, `retryAfter ${error.retryAfter}`);
  assert.equal(error.rateLimit?.limit, 3);
  assert.equal(error.rateLimit?.remaining, 0);
  assert.equal(error.headers.get("X-RateLimit-Window"), "60");
});
