// `npm run generate`: write src/generated/schema.ts from the bundled contract with openapi-typescript.
// `npm run check-generated` (this with `--check`): exit 1 if the checked-in file is not what the
// contract produces now. The generator's options live here and nowhere else.
//
// `miso clients` (make clients) calls this on machines where `npm ci` may not have run yet, so the
// pinned tools are installed first when they are missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../node_modules/openapi-typescript/bin/cli.js", import.meta.url));

export const GENERATE_ARGS = [
  "../../openapi/dist/miso.yaml",
  "--output",
  "src/generated/schema.ts",
  // `Application`, `Deployment`, ... as top-level type aliases, named as in the contract.
  "--root-types",
  "--root-types-no-schema-prefix",
  // A property with a `default` stays optional: request bodies may leave it out (the reference's
  // own example creates an application without `description`).
  "--default-non-nullable",
  "false",
];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (!existsSync(cli)) {
  const status = run("npm", ["ci", "--no-audit", "--no-fund"]);
  if (status !== 0) process.exit(status);
}
process.exit(run(process.execPath, [cli, ...GENERATE_ARGS, ...process.argv.slice(2)]));
