// The 50 connect/disconnect cycles every Node adapter's test runs (Express, Fastify, Nest on both platforms):
// one running task, an event stream opened and left 50 times; then the shared upstream loop must stop and no
// timer, socket or listener may be left behind. Measured in-process: the store's activeLoops(),
// process.getActiveResourcesInfo(), the listener counts of the server-side responses, and the emulator's GET
// count once everyone left. Each adapter's test adds its own checks on the responses it gets back.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Emulator } from '@actkit/emulator';
import { expect } from 'vitest';
import { upstreamTaskGets } from './upstream-gets.js';

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

/** The server-side response of every event-stream request `server` receives from now on. */
export function recordStreams(server: Server): ServerResponse[] {
  const streams: ServerResponse[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.endsWith('/events')) streams.push(res);
  });
  return streams;
}

/**
 * Creates a task at `${origin}/api/actkit` (the app must authorize from the `x-user` header, poll every
 * 20 ms, heartbeat every 30 ms, use `store`, and `streams` must come from `recordStreams`), runs the 50
 * cycles and checks what every adapter must hold. Returns the 50 server-side responses for the caller's own
 * checks.
 */
export async function runDisconnectCycles(options: {
  origin: string;
  store: { watchers: { activeLoops(): number } };
  emulator: Emulator;
  streams: ServerResponse[];
}): Promise<ServerResponse[]> {
  const { origin, store, emulator, streams } = options;
  const upstreamGets = () => upstreamTaskGets(emulator);
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
  await until(() => streams.length === 50 && streams.every((res) => res.destroyed), 'every stream to close');
  const getsAfterLeaving = upstreamGets();
  await sleep(300); // 15 poll intervals, 10 heartbeat intervals
  expect(upstreamGets()).toBe(getsAfterLeaving);
  expect(store.watchers.activeLoops()).toBe(0);
  expect(count('Timeout')).toBeLessThanOrEqual(timersBefore);
  expect(count('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore);
  // Every listener the adapter or the handler put on a response is gone with it: the 50th response carries
  // no more than the first.
  const listeners = streams.map((res) =>
    res.eventNames().reduce((n, name) => n + res.listenerCount(name), 0),
  );
  expect(Math.max(...listeners)).toBe(listeners[0]);
  return streams;
}
