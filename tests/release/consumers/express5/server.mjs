// @ts-check
// An Express 5 app in ESM serving the actkit contract with @actkit/express, behind express.json() (the router
// accepts a parsed body too); the provider is the emulator (ACTKIT_BASE_URL).
import { createActkitClient } from '@actkit/core';
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import express from 'express';

const client = createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL });
const app = express();
app.use(express.json());
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
