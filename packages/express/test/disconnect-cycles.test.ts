// 50 event-stream connect/disconnect cycles against one running task, on Express 4 and 5: every disconnect
// must end the stream, release its watcher and let the shared upstream loop stop, leaving no timer, socket or
// listener behind (the cycles and their checks: core's test/disconnect-cycles.ts).
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import express5 from 'express';
import express4 from 'express4';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { recordStreams, runDisconnectCycles } from '../../core/test/disconnect-cycles.js';
import { type ActkitRouter, createActkitRouter } from '../src/index.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 600_000 }); // the task keeps running throughout
});
afterAll(() => emulator?.close());

describe.each([
  ['express 5', express5],
  ['express 4', express4],
])('%s', (_name, express) => {
  let server: Server;
  let router: ActkitRouter;
  let origin: string;
  let streams: ServerResponse[];
  const store = createMemoryStore();

  beforeAll(async () => {
    const app = express();
    router = createActkitRouter({
      client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
      authorize: (req) => (req as IncomingMessage).headers['x-user'] as string | undefined,
      secret: 'express-disconnect-cycles-secret-32-bytes',
      store,
      pollIntervalMs: 20,
      heartbeatMs: 30,
    });
    app.use('/api/actkit', router);
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    streams = recordStreams(server);
  });
  afterAll(async () => {
    await router?.close();
    server?.closeAllConnections();
    server?.close();
  });

  it('50 cycles leave no loop, timer, socket or listener behind, and upstream polling stops', async () => {
    await runDisconnectCycles({ origin, store, emulator, streams });
  });
});
