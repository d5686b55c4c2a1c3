/**
 * The reference's "JavaScript SDK" example, verbatim, against the real mock. Only three things
 * differ: the package name (`aifabrix-miso-sdk`, docs/decisions.md row 8), the base URL and the
 * dev credentials. `require` is Node's own (the CommonJS entry); the ESM import is checked below.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";

import * as sdk from "aifabrix-miso-sdk";

import { DEV, startMock, type Mock } from "./support/mock.js";

const require = createRequire(import.meta.url);
let mock: Mock;

before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock?.stop();
});

test("the reference's JavaScript SDK example runs as written", async () => {
  const baseUrl = mock.baseUrl;
  const { clientId, clientSecret } = DEV;

  // ---- the example (require('miso-client') -> require('aifabrix-miso-sdk')) ----
  const MisoClient = require('aifabrix-miso-sdk');

  // Initialize client
  const client = new MisoClient({
    baseUrl: baseUrl,
    clientId: clientId,
    clientSecret: clientSecret
  });

  // List applications
  const applications = await client.applications.list();

  // Create application
  const app = await client.applications.create({
    name: 'my-app',
    environment: 'production',
    configuration: {
      image: 'my-app:latest',
      replicas: 3
    }
  });

  // Deploy application
  const deployment = await client.deployments.create(app.id, {
    image: 'my-app:v1.2.3'
  });
  // ---- end of the example ----

  assert.ok(applications.data.some((a: { id: string }) => a.id === "app-123"));
  assert.equal(applications.pagination.page, 1);
  assert.equal(app.name, "my-app");
  assert.equal(app.configuration.replicas, 3);
  assert.equal(deployment.application_id, app.id);
  assert.equal(deployment.image, "my-app:v1.2.3");
  assert.equal(deployment.status, "pending");
});

test("require() gives the class itself, with every export hanging off it", () => {
  const MisoClient = require("aifabrix-miso-sdk");
  assert.equal(typeof MisoClient, "function");
  assert.equal(MisoClient.name, "MisoClient");
  assert.equal(MisoClient.MisoClient, MisoClient);
  assert.equal(MisoClient.default, MisoClient);
  for (const name of Object.keys(sdk)) assert.ok(name in MisoClient, `${name} is missing from the CommonJS entry`);
});

test("the same example typed, through the ES module entry", async () => {
  const client = new sdk.MisoClient({ baseUrl: mock.baseUrl, ...DEV });
  const applications: sdk.ApplicationList = await client.applications.list();
  const app: sdk.Application = await client.applications.create({
    name: "my-typed-app",
    environment: "production",
    configuration: { image: "my-app:latest", replicas: 3 },
  });
  const deployment: sdk.Deployment = await client.deployments.create(app.id, { image: "my-app:v1.2.3" });
  assert.ok(applications.data.length >= 1);
  assert.equal(deployment.application_id, app.id);
  assert.equal(sdk.default, sdk.MisoClient);
});
