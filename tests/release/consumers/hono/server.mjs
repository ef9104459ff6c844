// @ts-check
// A Hono app in ESM on @hono/node-server serving the actkit contract with @actkit/hono, mounted with
// app.route(); the provider is the emulator (ACTKIT_BASE_URL).
import { createActkitClient } from '@actkit/core';
import { actkit } from '@actkit/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const client = createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL });
const app = new Hono();
app.route(
  '/api/actkit',
  actkit({
    client,
    // A real app reads its session; here the caller names itself in a header.
    authorize: (c) => c.req.header('x-user') ?? null,
    secret: 'consumer-test-secret-of-32-bytes!',
    pollIntervalMs: 100,
  }),
);

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
