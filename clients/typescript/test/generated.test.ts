/**
 * Drift: the checked-in `src/generated/schema.ts` must be exactly what `npm run generate` makes
 * from `openapi/dist/miso.yaml` now. Runs the same command with openapi-typescript's `--check`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { PACKAGE_ROOT } from "./support/mock.js";

test("src/generated/schema.ts matches the bundled spec (run `npm run generate` or `make clients` if not)", () => {
  const scripts = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = (scripts.generate ?? "").split(/\s+/);
  assert.equal(command, "openapi-typescript");
  const cli = join(PACKAGE_ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
  const result = spawnSync(process.execPath, [cli, ...args, "--check"], { cwd: PACKAGE_ROOT, encoding: "utf8" });
  assert.equal(result.status, 0, `generated types are stale:\n${result.stdout}${result.stderr}`);
});
