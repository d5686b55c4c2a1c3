#!/usr/bin/env node
// One autocannon run for `miso bench`, described by a JSON object in argv[2]:
//   {url, method, headers, body, connections, duration, uniqueField, uniquePrefix, rate}
// `rate`, when given, paces all connections together to that many requests a second.
// `uniqueField` names a top-level field of the JSON body that gets `<uniquePrefix>-<n>` on
// every request (application names must be unique, or the mock answers 409).
// Prints autocannon's result object as one line of JSON on stdout.
"use strict";

const autocannon = require("autocannon");

const spec = JSON.parse(process.argv[2]);
const request = { method: spec.method, headers: spec.headers || {} };
if (spec.body !== undefined && spec.body !== null) {
  const template = spec.body;
  if (spec.uniqueField) {
    let counter = 0;
    request.setupRequest = (req) => {
      counter += 1;
      const body = { ...template, [spec.uniqueField]: `${spec.uniquePrefix}-${counter}` };
      return { ...req, body: JSON.stringify(body) };
    };
  } else {
    request.body = JSON.stringify(template);
  }
}

autocannon(
  {
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    requests: [request],
    timeout: 10,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`autocannon failed: ${err.message || err}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
);
