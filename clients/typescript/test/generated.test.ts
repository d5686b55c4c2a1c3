/**
 * Drift: the checked-in `src/generated/schema.ts` must be exactly what `npm run generate` makes
 * from `openapi/dist/miso.yaml` now (the same script, with openapi-typescript's `--check`).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { PACKAGE_ROOT } from "./support/mock.js";

test("src/generated/schema.ts matches the bundled spec (run `npm run generate` or `make clients` if not)", () => {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, "scripts", "generate.mjs"), "--check"], {
    cwd: PACKAGE_ROOT,
    encoding: "utf8",
  });
  assert.equal(result.status, 0, `generated types are stale:\n${result.stdout}${result.stderr}`);
});
