// Child process of the Redis metrics: Express apps serving the actkit router, as `pnpm bench` would deploy
// them. argv: emulator URL, then one `memory` or `redis:<url>:<keyPrefix>` per app. Prints one JSON line with
// the apps' URLs (in argv order), then serves until killed. The owner is the `x-bench-owner` header when sent
// (watchers of one task), else it cycles over 1,000 ids, so per-owner sets stay small whatever the load; the
// limits are raised: the metrics measure the store, not the limits.
import { createActkitClient } from '@actkit/core';
import { type ActkitStore, createMemoryStore } from '@actkit/core/server';
import { createActkitRouter } from '@actkit/express';
import { createRedisStore } from '@actkit/redis';
import express from 'express';
import { handlerOptions, listen, mount } from './express-app.js';
import { apiKey } from './inputs.js';

const [emulatorUrl, ...specs] = process.argv.slice(2);
const client = createActkitClient({ apiKey, baseUrl: emulatorUrl, maxRetries: 0 });
let next = 0;

const storeFor = (spec: string): ActkitStore => {
  if (spec === 'memory') return createMemoryStore();
  const [, url, keyPrefix] = /^redis:(redis:\/\/[^:]+:\d+):(.+)$/.exec(spec) ?? [];
  if (!url || !keyPrefix) throw new Error(`store-servers: bad store spec ${spec}`);
  // A lease as short as the emulator's poll cadence allows, so a takeover in the bench is quick.
  return createRedisStore({ url }, { keyPrefix, leaseMs: 2000 });
};

const urls: string[] = [];
for (const spec of specs) {
  const router = createActkitRouter({
    client,
    ...handlerOptions,
    authorize: (req) => (req as express.Request).get('x-bench-owner') ?? `bench-owner-${next++ % 1000}`,
    store: storeFor(spec),
    pollIntervalMs: 200,
  });
  const app = express();
  app.use(mount, router);
  urls.push((await listen(app, () => router.close())).url);
}
process.stdout.write(`${JSON.stringify(urls)}\n`);
