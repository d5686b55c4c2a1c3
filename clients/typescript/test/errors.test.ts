/** Error mapping without a server: every ErrorCode has its class; no envelope still gives a MisoError. */
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  AuthenticationError,
  AuthorizationError,
  ConflictError,
  InternalServerError,
  MethodNotAllowedError,
  MisoClient,
  MisoError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  ValidationError,
  type ErrorCode,
} from "aifabrix-miso-sdk";

const CASES: [ErrorCode, number, new (...args: never[]) => MisoError][] = [
  ["VALIDATION_ERROR", 400, ValidationError],
  ["VALIDATION_ERROR", 422, ValidationError],
  ["AUTHENTICATION_ERROR", 401, AuthenticationError],
  ["AUTHORIZATION_ERROR", 403, AuthorizationError],
  ["RESOURCE_NOT_FOUND", 404, NotFoundError],
  ["METHOD_NOT_ALLOWED", 405, MethodNotAllowedError],
  ["RESOURCE_CONFLICT", 409, ConflictError],
  ["RATE_LIMIT_EXCEEDED", 429, RateLimitError],
  ["INTERNAL_ERROR", 500, InternalServerError],
  ["SERVICE_UNAVAILABLE", 503, ServiceUnavailableError],
];

function clientAnswering(response: () => Response): MisoClient {
  return new MisoClient({ baseUrl: "https://miso.test", accessToken: "t", fetch: async () => response() });
}

for (const [code, status, Class] of CASES) {
  test(`${status} ${code} is a ${Class.name}`, async () => {
    const body = { error: { code, message: `m-${code}`, timestamp: "2024-01-15T10:30:00Z", request_id: "req-1" } };
    const client = clientAnswering(() => Response.json(body, { status, headers: { "Retry-After": "7" } }));
    const error = await client.environments.list().catch((e: unknown) => e);
    assert.ok(error instanceof Class, String(error));
    assert.ok(error instanceof MisoError);
    assert.ok(error instanceof Error);
    assert.equal(error.name, Class.name);
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    assert.equal(error.message, `m-${code}`);
    assert.equal(error.requestId, "req-1");
    assert.deepEqual(error.body, body);
    if (error instanceof RateLimitError || error instanceof ServiceUnavailableError) assert.equal(error.retryAfter, 7);
  });
}

test("a response without the envelope (a proxy's 502) is a plain MisoError", async () => {
  const client = clientAnswering(() => new Response("<html>Bad gateway</html>", { status: 502, headers: { "X-Request-ID": "req-proxy" } }));
  const error = await client.environments.list().catch((e: unknown) => e);
  assert.ok(error instanceof MisoError);
  assert.equal(error.constructor, MisoError);
  assert.equal(error.status, 502);
  assert.equal(error.code, undefined);
  assert.equal(error.requestId, "req-proxy");
  assert.match(error.message, /HTTP 502: <html>Bad gateway/);
});

test("an unhealthy instance's 503 health report is returned, not thrown", async () => {
  const report = { status: "unhealthy", timestamp: "2024-01-15T10:30:00Z", checks: { database: { status: "unhealthy", response_time: "5000ms" } } };
  const client = clientAnswering(() => Response.json(report, { status: 503 }));
  assert.deepEqual(await client.monitoring.health(), report);
});
