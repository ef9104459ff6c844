// @ts-check
// A Fastify 5 app in ESM serving the actkit contract with @actkit/fastify, registered with a prefix next to
// the app's own JSON route; the provider is the emulator (ACTKIT_BASE_URL).
import { createActkitClient } from '@actkit/core';
import { actkitPlugin } from '@actkit/fastify';
import Fastify from 'fastify';

const app = Fastify();
app.post('/echo', async (request) => ({ body: request.body }));
await app.register(actkitPlugin, {
  prefix: '/api/actkit',
  client: createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL }),
  // A real app reads its session or token; here the caller names itself in a header.
  authorize: (request) => {
    const user = request.headers['x-user'];
    return typeof user === 'string' ? user : null;
  },
  secret: 'consumer-test-secret-of-32-bytes!',
  pollIntervalMs: 100,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = /** @type {import('node:net').AddressInfo} */ (app.server.address());
console.log(`listening on http://127.0.0.1:${address.port}`);
process.on('SIGTERM', () => app.close());
