// 50 event-stream connect/disconnect cycles against one running task: every disconnect must end the
// stream, release its watcher and let the shared upstream loop stop, leaving no timer, socket or listener
// behind (the cycles and their checks: core's test/disconnect-cycles.ts).
import type { ServerResponse } from 'node:http';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { actkitPlugin } from '@actkit/fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStreams, runDisconnectCycles } from '../../core/test/disconnect-cycles.js';
import { fastifyMajors, handleSecret, listen } from './fastify-app.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 600_000 }); // the task keeps running throughout
});
afterAll(() => emulator?.close());

describe.each(fastifyMajors)('$name', ({ create }) => {
  let app: FastifyInstance;
  let origin: string;
  let streams: ServerResponse[];
  const store = createMemoryStore();

  beforeAll(async () => {
    // The test's fetch keeps spare connections that never sent a request: close them with the app.
    app = create({ forceCloseConnections: true });
    await app.register(actkitPlugin, {
      prefix: '/api/actkit',
      client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
      authorize: (request) => request.headers['x-user'] as string | undefined,
      secret: handleSecret,
      store,
      pollIntervalMs: 20,
      heartbeatMs: 30,
    });
    origin = await listen(app);
    streams = recordStreams(app.server);
  });
  afterAll(() => app?.close());

  it('50 cycles leave no loop, timer, socket or listener behind, and upstream polling stops', async () => {
    await runDisconnectCycles({ origin, store, emulator, streams });
    // None of the responses keeps a 'close' listener, and nothing was added to the server per stream.
    expect(streams.map((res) => res.listenerCount('close'))).toEqual(streams.map(() => 0));
    expect(app.server.listenerCount('request')).toBe(2); // Fastify's and this test's
  });
});
