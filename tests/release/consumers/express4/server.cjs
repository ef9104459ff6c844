// @ts-check
// An Express 4 app in CommonJS serving the actkit contract with @actkit/express; the provider is the emulator
// (ACTKIT_BASE_URL). Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
const express = require('express');
const { createActkitClient } = require('@actkit/core');
const { actkitErrorHandler, createActkitRouter } = require('@actkit/express');

const client = createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL });
const app = express();
app.use(
  '/api/actkit',
  createActkitRouter({
    client,
    // A real app reads its session; here the caller names itself in a header.
    authorize: (req) => /** @type {import('express').Request} */ (req).get('x-user') ?? null,
    secret: 'consumer-test-secret-of-32-bytes!',
    pollIntervalMs: 100,
  }),
);
app.use(actkitErrorHandler());

const server = app.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`listening on http://127.0.0.1:${address.port}`);
});
