// On both Nest platforms: 50 event-stream connect/disconnect cycles against one running task: every disconnect must end the
// stream, release its watcher and let the shared upstream loop stop, leaving no timer, socket or listener
// behind. Measured in-process: the store's activeLoops(), process.getActiveResourcesInfo(), the listener
// counts of the server-side responses, and the emulator's GET count once everyone left.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { ActkitModule } from '@actkit/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, handleSecret, platforms, type RunningApp, startApp, validInput } from './nest-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = { 'x-user': 'cycler' };
const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;

async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Opens the task's event stream, waits for its first event, then leaves. */
async function connectAndLeave(url: string): Promise<void> {
  const leave = new AbortController();
  const response = await fetch(url, { headers: user, signal: leave.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = ''; // a heartbeat may come first when the machine is busy
  while (!received.includes('data: ')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before its first event: ${received}`);
    received += decoder.decode(value, { stream: true });
  }
  leave.abort();
  await reader.closed.catch(() => {});
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 600_000 }); // the task keeps running throughout
});
afterAll(() => emulator?.close());

describe.each(platforms)('%s platform', (platform) => {
  let running: RunningApp;
  let origin: string;
  let server: Server;
  const store = createMemoryStore();
  const streams: ServerResponse[] = [];

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
    origin = running.url;
    server = running.app.getHttpServer() as Server;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.endsWith('/events')) streams.push(res);
    });
  });
  afterAll(() => running?.close());

  const upstreamGets = () =>
    Object.entries(emulator.stats.byRoute)
      .filter(([route]) => route.startsWith('GET ') && route.includes('/tasks/'))
      .reduce((sum, [, n]) => sum + n, 0);

  it('50 cycles leave no loop, timer, socket or listener behind, and upstream polling stops', async () => {
    const created = await call(`${origin}/api/actkit/character-performances`, {
      body: validInput,
      headers: user,
    });
    expect(created.status).toBe(202);
    const events = `${origin}/api/actkit/tasks/${created.json.task.handle}/events`;
    const timersBefore = count('Timeout');
    const socketsBefore = count('TCPSocketWrap');

    for (let i = 0; i < 50; i++) await connectAndLeave(events);

    await until(() => store.watchers.activeLoops() === 0, 'the shared loop to stop');
    await until(
      () => streams.length === 50 && streams.every((res) => res.destroyed),
      'every stream to close',
    );
    const getsAfterLeaving = upstreamGets();
    await sleep(300); // 15 poll intervals, 10 heartbeat intervals
    expect(upstreamGets()).toBe(getsAfterLeaving);
    expect(store.watchers.activeLoops()).toBe(0);
    expect(count('Timeout')).toBeLessThanOrEqual(timersBefore);
    expect(count('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore);
    // Every listener the adapter or the handler put on a response is gone with it: the 50th response
    // carries no more than the first, and none of them keeps a 'close' listener.
    const listeners = streams.map((res) =>
      res.eventNames().reduce((n, name) => n + res.listenerCount(name), 0),
    );
    expect(Math.max(...listeners)).toBe(listeners[0]);
    expect(streams.map((res) => res.listenerCount('close'))).toEqual(streams.map(() => 0));
    expect(server.listenerCount('request')).toBe(2); // the platform's and this test's, nothing added per stream
  });
});
