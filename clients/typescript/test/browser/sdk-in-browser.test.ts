/**
 * The browser build of the SDK (`dist/browser/miso.js`) in Chromium, on a page served from
 * another origin than the mock's, as a frontend app would use it: tokens from the page's own
 * backend through `cachedTokenProvider`, then list, create, deploy, follow the deployment's logs
 * and meet a typed error. Every call carries an `Authorization` header across origins, so each
 * one passes the mock's CORS preflight first; the page must log no error.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import type { Browser } from "playwright-core";

import { collectErrors, serve, startMockAndBrowser } from "../support/browser.js";
import { DEV, PACKAGE_ROOT, type Mock } from "../support/mock.js";

const BUNDLE = new URL("dist/browser/miso.js", `file://${PACKAGE_ROOT}`);

let mock: Mock;
let browser: Browser;

before(async () => {
  ({ mock, browser } = await startMockAndBrowser("--deploy-speed", "25"));
});
after(async () => {
  await browser?.close();
  await mock?.stop();
});

/** The app: what runs in the page, reporting to `window.outcome`. */
const APP = `
import { MisoClient, NotFoundError, cachedTokenProvider } from "/miso.js";

const outcome = (window.outcome = { steps: [] });
try {
  // The documented browser pattern: the page's backend hands out tokens; the SDK keeps one
  // until shortly before it expires.
  const accessToken = cachedTokenProvider(async () => (await fetch("/token")).json());
  const client = new MisoClient({ baseUrl: window.MOCK, accessToken });

  const before = await client.applications.list({ limit: 100 });
  outcome.steps.push("list");
  const app = await client.applications.create({
    name: "browser-app", environment: "production", configuration: { image: "web:1" },
  });
  const after = await client.applications.list({ limit: 100 });
  outcome.listed = after.data.some((a) => a.id === app.id) && after.data.length === before.data.length + 1;
  outcome.steps.push("create");
  const deployment = await client.deployments.create(app.id, { image: "web:2" });
  outcome.steps.push("deploy");

  // Leaving a stream early closes it without an error...
  for await (const entry of client.deployments.streamLogs(deployment.id)) {
    outcome.firstEntry = entry.message;
    break;
  }
  // ...and following it to the end ends the iteration when the deployment ends.
  const stream = client.deployments.streamLogs(deployment.id);
  outcome.entries = (await stream.toArray()).length;
  outcome.final = stream.status;
  outcome.steps.push("follow");

  try {
    await client.applications.get("app-that-does-not-exist");
  } catch (error) {
    outcome.notFound = error instanceof NotFoundError;
    outcome.code = error.code;
    outcome.requestId = error.requestId;
  }
  outcome.steps.push("typed error");
} catch (error) {
  outcome.error = String(error && error.stack || error);
}
outcome.done = true;
`;

test("the browser build lists, creates, deploys and follows logs from another origin", async () => {
  let tokensIssued = 0;
  const bundle = await readFile(BUNDLE);
  const page_ = await serve(async (request, response) => {
    if (request.url === "/") {
      response.setHeader("content-type", "text/html; charset=utf-8");
      response.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"></head><body>
<script>window.MOCK = ${JSON.stringify(mock.baseUrl)};</script>
<script type="module" src="/app.js"></script></body></html>`);
    } else if (request.url === "/app.js" || request.url === "/miso.js") {
      response.setHeader("content-type", "text/javascript; charset=utf-8");
      response.end(request.url === "/app.js" ? APP : bundle);
    } else if (request.url === "/token") {
      // The page's own backend: it holds the client secret, the page never sees it.
      tokensIssued += 1;
      const answer = await fetch(`${mock.baseUrl}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: DEV.clientId, client_secret: DEV.clientSecret, grant_type: "client_credentials" }),
      });
      response.setHeader("content-type", "application/json");
      response.end(await answer.text());
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    const corsOrigins = new Set<string | undefined>();
    page.on("response", (answer) => {
      if (answer.url().startsWith(mock.baseUrl)) corsOrigins.add(answer.headers()["access-control-allow-origin"]);
    });
    // A 404 is a console error in Chromium ("Failed to load resource"): the typed-error step
    // makes one on purpose, so it is the one console error allowed, and checked by its URL.
    await page.goto(`${page_.origin}/`);
    await page.waitForFunction(() => (window as { outcome?: { done?: boolean } }).outcome?.done === true, undefined, {
      timeout: 120_000,
    });
    const outcome = await page.evaluate(() => (window as unknown as { outcome: Record<string, unknown> }).outcome);
    assert.equal(outcome.error, undefined);
    assert.deepEqual(outcome.steps, ["list", "create", "deploy", "follow", "typed error"]);
    assert.equal(outcome.listed, true);
    assert.equal(typeof outcome.firstEntry, "string");
    assert.ok((outcome.entries as number) > 0);
    assert.ok(["success", "failed"].includes(outcome.final as string), String(outcome.final));
    assert.deepEqual([outcome.notFound, outcome.code], [true, "RESOURCE_NOT_FOUND"]);
    assert.match(outcome.requestId as string, /^req-/);
    assert.equal(tokensIssued, 1, "the token provider kept one token for every call");
    assert.deepEqual([...corsOrigins], [page_.origin]);
    const unexpected = errors.filter((e) => !/404 \(Not Found\) \(.*\/app-that-does-not-exist\)$/.test(e));
    assert.deepEqual(unexpected, []);
    assert.equal(errors.length - unexpected.length, 1, errors.join("\n"));
    await context.close();
  } finally {
    page_.server.close();
  }
});

test("the browser build is one ES module without bare imports", async () => {
  const source = (await readFile(BUNDLE)).toString();
  const specifiers = [...source.matchAll(/(?:^|[;\s])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']/gm)].map(
    (m) => m[1] ?? m[2],
  );
  const bare = specifiers.filter((s) => !/^(\.{0,2}\/|https?:)/.test(s ?? ""));
  assert.deepEqual(bare, []);
  const sdk = (await import(BUNDLE.href)) as Record<string, unknown>;
  for (const name of ["MisoClient", "cachedTokenProvider", "NotFoundError", "LogStream"]) {
    assert.equal(typeof sdk[name], "function", name);
  }
});
