// 50 event-stream connect/disconnect cycles against one running task, on Express 4 and 5: every disconnect
// must end the stream, release its watcher and let the shared upstream loop stop, leaving no timer, socket or
// listener behind. Measured in-process: the store's activeLoops(), process.getActiveResourcesInfo(), the
// listener counts of the server-side responses, and the emulator's GET count once everyone left.
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, startEmulator } from '@actkit/emulator';
import express5 from 'express';
import express4 from 'express4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActkitRouter, createActkitRouter } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = { 'x-user': 'cycler' };
const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

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

describe.each([
  ['express 5', express5],
  ['express 4', express4],
])('%s', (_name, express) => {
  let server: Server;
  let router: ActkitRouter;
  let origin: string;
  const store = createMemoryStore();
  const streams: ServerResponse[] = [];

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
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.endsWith('/events')) streams.push(res);
    });
  });
  afterAll(async () => {
    await router?.close();
    server?.closeAllConnections();
    server?.close();
  });

  const upstreamGets = () =>
    Object.entries(emulator.stats.byRoute)
      .filter(([route]) => route.startsWith('GET ') && route.includes('/tasks/'))
      .reduce((sum, [, n]) => sum + n, 0);

  it('50 cycles leave no loop, timer, socket or listener behind, and upstream polling stops', async () => {
    const created = await fetch(`${origin}/api/actkit/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...user },
      body: JSON.stringify(validInput),
    });
    expect(created.status).toBe(202);
    const { task } = (await created.json()) as { task: { handle: string } };
    const events = `${origin}/api/actkit/tasks/${task.handle}/events`;
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
    // Every listener the router or the handler put on a response is gone with it: the 50th response carries
    // no more than the first.
    const listeners = streams.map((res) =>
      res.eventNames().reduce((n, name) => n + res.listenerCount(name), 0),
    );
    expect(Math.max(...listeners)).toBe(listeners[0]);
  });
});
