// On both Nest platforms: 50 event-stream connect/disconnect cycles against one running task: every disconnect
// must end the stream, release its watcher and let the shared upstream loop stop, leaving no timer, socket or
// listener behind (the cycles and their checks: core's test/disconnect-cycles.ts).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { ActkitModule } from '@actkit/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStreams, runDisconnectCycles } from '../../core/test/disconnect-cycles.js';
import { handleSecret, platforms, type RunningApp, startApp } from './nest-app.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 600_000 }); // the task keeps running throughout
});
afterAll(() => emulator?.close());

describe.each(platforms)('%s platform', (platform) => {
  let running: RunningApp;
  let server: Server;
  let streams: ServerResponse[];
  const store = createMemoryStore();

  beforeAll(async () => {
    const module = ActkitModule.forRoot({
      client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
      routePrefix: 'api/actkit',
      authorize: (req: unknown) => (req as IncomingMessage).headers['x-user'] as string | undefined,
      secret: handleSecret,
      store,
      pollIntervalMs: 20,
      heartbeatMs: 30,
    });
    running = await startApp(module, () => {}, platform);
    server = running.app.getHttpServer() as Server;
    streams = recordStreams(server);
  });
  afterAll(() => running?.close());

  it('50 cycles leave no loop, timer, socket or listener behind, and upstream polling stops', async () => {
    await runDisconnectCycles({ origin: running.url, store, emulator, streams });
    // None of the responses keeps a 'close' listener, and nothing was added to the server per stream.
    expect(streams.map((res) => res.listenerCount('close'))).toEqual(streams.map(() => 0));
    expect(server.listenerCount('request')).toBe(2); // the platform's and this test's
  });
});
