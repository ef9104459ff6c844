// SSE on @hono/node-server: a browser that leaves ends its stream, and with the last watcher the shared
// upstream loop stops. 50 connect/disconnect cycles leave no loop, no timer and no listener behind.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHonoApp } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timers = () => process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;

let app: Awaited<ReturnType<typeof startHonoApp>>;
beforeAll(async () => {
  app = await startHonoApp({ emulator: { taskMs: 600_000 } });
});
afterAll(() => app?.close());

/** Opens the task's event stream, reads its first event, then leaves. */
async function connectAndLeave(handle: string): Promise<string> {
  const leave = new AbortController();
  const response = await fetch(`${app.url}/tasks/${handle}/events`, {
    headers: { 'x-user': 'alice' },
    signal: leave.signal,
  });
  const reader = response.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  leave.abort();
  await reader.cancel().catch(() => {});
  return first;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 40 && app.store.watchers.activeLoops() > 0; i++) await sleep(25);
}

it('50 connect/disconnect cycles: the loop stops each time, no timer or listener is left', async () => {
  const handle = await app.start();
  expect(await connectAndLeave(handle)).toMatch(/^data: /); // warm-up: first connections, JIT
  await settled();
  const timersBefore = timers();
  const signalsBefore = app.signals.length;

  for (let i = 0; i < 50; i++) expect(await connectAndLeave(handle)).toMatch(/^data: /);
  await settled();

  expect(app.store.watchers.activeLoops()).toBe(0);
  const gets = app.upstreamTaskGets();
  await sleep(300); // six poll intervals: a loop left running would poll
  expect(app.upstreamTaskGets()).toBe(gets);
  expect(timers()).toBeLessThanOrEqual(timersBefore);
  const requestSignals = app.signals.slice(signalsBefore);
  expect(requestSignals).toHaveLength(50);
  const listeners = requestSignals.reduce(
    (sum, signal) => sum + getEventListeners(signal, 'abort').length,
    0,
  );
  expect(listeners).toBe(0);
  console.info(
    `[hono] 50 cycles: ${gets} upstream GETs in all, ${timers()} timers (before: ${timersBefore})`,
  );
});
