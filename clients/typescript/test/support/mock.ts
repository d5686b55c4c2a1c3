/**
 * Run the real mock (`miso mock`) for a test file: on a free port, ready once
 * `/api/v1/openapi.json` answers, stopped afterwards. The `miso` command is the repository's
 * `.venv/bin/miso`, or `$MISO_BIN`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** clients/typescript, seen from build/support/. */
const PACKAGE_URL = new URL("../../", import.meta.url);
const REPO_URL = new URL("../../", PACKAGE_URL);
export const PACKAGE_ROOT = fileURLToPath(PACKAGE_URL);
const REPO_ROOT = fileURLToPath(REPO_URL);
const MISO_BIN = process.env.MISO_BIN ?? fileURLToPath(new URL(".venv/bin/miso", REPO_URL));

export const DEV = { clientId: "miso-dev", clientSecret: "miso-dev-secret" } as const;
export const VIEWER = { clientId: "miso-viewer", clientSecret: "miso-viewer-secret" } as const;

export interface Mock {
  baseUrl: string;
  /** What the mock printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now: listen on port 0 and let the OS pick. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** Start `miso mock` with extra `options` (response validation is always on). */
export async function startMock(...options: string[]): Promise<Mock> {
  const port = await freePort();
  const child = spawn(
    MISO_BIN,
    ["mock", "--host", "127.0.0.1", "--port", String(port), "--validate-responses", "--quiet", ...options],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  spawnError.catch(() => undefined);

  const baseUrl = `http://127.0.0.1:${port}`;
  // generous: a busy shared machine can take half a minute and more to start a Python server;
  // the wait ends as soon as the mock answers
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${MISO_BIN} mock exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await Promise.race([fetch(`${baseUrl}/api/v1/openapi.json`), spawnError]);
      await response.body?.cancel();
      if (response.status === 200) break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new Error(`cannot run ${MISO_BIN} (set MISO_BIN, or run \`make install\` at the repository root)`);
      }
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`the mock did not come up on ${baseUrl} within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { baseUrl, output: () => output, stop: () => stopProcess(child) };
}
