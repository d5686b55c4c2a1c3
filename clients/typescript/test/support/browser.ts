/**
 * Debian's Chromium driven by playwright-core, for the browser tests. Chromium is installed by
 * `tools/browser/ensure-chromium.sh` when missing (CI starts on a fresh machine, as root);
 * Playwright's own browser download cannot work here, so it drives the system's binary.
 */
import { spawnSync } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

import { chromium, type Browser, type Page } from "playwright-core";

import { startMock, type Mock } from "./mock.js";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ENSURE_CHROMIUM = fileURLToPath(new URL("../../../../tools/browser/ensure-chromium.sh", import.meta.url));

/** Flags for a headless Chromium as root in a closed network (Playwright adds a fresh profile). */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  const ensured = spawnSync("sh", [ENSURE_CHROMIUM], { stdio: "inherit", env: { ...process.env, CHROMIUM } });
  if (ensured.status !== 0) throw new Error(`${ENSURE_CHROMIUM} failed (exit ${ensured.status})`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Everything a page reports as an error: console errors and uncaught exceptions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.stack ?? String(error)}`));
  return errors;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** A small HTTP server on a free loopback port: a web page's own origin, apart from the mock's. */
export async function serve(handler: Handler): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

/**
 * A mock and a browser, started side by side. When either fails, the other is stopped before
 * the error surfaces: a browser left running would keep the test process alive for ever.
 */
export async function startMockAndBrowser(...mockOptions: string[]): Promise<{ mock: Mock; browser: Browser }> {
  const [mock, browser] = await Promise.allSettled([startMock(...mockOptions), launchChromium()]);
  if (mock.status === "fulfilled" && browser.status === "fulfilled") return { mock: mock.value, browser: browser.value };
  if (mock.status === "fulfilled") await mock.value.stop();
  if (browser.status === "fulfilled") await browser.value.close();
  throw mock.status === "rejected" ? mock.reason : (browser as PromiseRejectedResult).reason;
}
