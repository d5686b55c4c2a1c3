/**
 * The mock's API docs page in Chromium, as a frontend developer meets it: Authorize fetches a
 * token itself (the contract's client-credentials flow, the dev client filled in), "Try it out"
 * on `GET /api/v1/applications` then answers 200, and the authorization survives a reload.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import type { Browser, Page } from "playwright-core";

import { collectErrors, startMockAndBrowser } from "../support/browser.js";
import { DEV, type Mock } from "../support/mock.js";

let mock: Mock;
let browser: Browser;

before(async () => {
  ({ mock, browser } = await startMockAndBrowser());
});
after(async () => {
  await browser?.close();
  await mock?.stop();
});

/** "Try it out" → "Execute" on listApplications; the status Swagger UI shows for the answer. */
async function tryListApplications(page: Page): Promise<string> {
  const operation = page.locator("#operations-applications-listApplications");
  await operation.locator(".opblock-summary").first().click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.getByRole("button", { name: "Execute" }).click();
  const status = operation.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor();
  return (await status.innerText()).trim();
}

test("Authorize fetches a token with the pre-filled dev client; Try it out answers 200, after a reload too", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${mock.baseUrl}/api/docs/`);

  // The Servers list leads with the address the page was loaded from.
  const servers = page.locator(".servers select");
  await servers.waitFor();
  assert.equal(await servers.inputValue(), mock.baseUrl);

  await page.locator(".swagger-ui .btn.authorize").first().click();
  const flow = page
    .locator(".auth-container")
    .filter({ has: page.locator("h4", { hasText: "oauth2 (OAuth2, clientCredentials)" }) });
  assert.equal(await flow.locator("input#client_id").inputValue(), DEV.clientId);
  assert.equal(await flow.locator("input#client_secret").inputValue(), DEV.clientSecret);
  await flow.getByRole("button", { name: "Authorize" }).click();
  await flow.getByRole("button", { name: "Logout" }).waitFor(); // the token endpoint answered
  await flow.getByRole("button", { name: "Close" }).click();

  assert.equal(await tryListApplications(page), "200");

  // persistAuthorization: loading the page again keeps the token, so the call works without
  // authorizing again. (Loaded without the deep link `#/applications/listApplications` the first
  // visit added, which would open the operation by itself.)
  await page.goto(`${mock.baseUrl}/api/docs/`);
  assert.equal(await tryListApplications(page), "200");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the docs page lists every SDK the mock serves, with working download links", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${mock.baseUrl}/api/docs/`);
  const listed = await (await fetch(`${mock.baseUrl}/api/sdk/`)).json() as { sdks: { name: string; files: { url: string }[]; install: string }[] };
  assert.ok(listed.sdks.length >= 2, "the checkout has at least the Python and TypeScript SDKs");
  for (const sdk of listed.sdks) {
    const box = page.locator(`#miso-sdks [data-sdk="${sdk.name}"]`);
    await box.waitFor();
    const links = await box.locator("a").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    assert.deepEqual(links, sdk.files.map((file) => file.url));
    assert.match(await box.innerText(), new RegExp(sdk.install.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  }
  assert.deepEqual(errors, []);
  await context.close();
});
