// SSE under `next start`: a browser that leaves ends its stream (Next aborts request.signal and cancels the
// body), and with the last watcher the shared upstream loop stops. 50 connect/disconnect cycles on the
// Node.js runtime leave no loop and no timer in the app's process; the Edge runtime stops its loop too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningNextApp, startTestApp } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let test: RunningNextApp;
beforeAll(async () => {
  test = await startTestApp({ emulator: { taskMs: 600_000 } });
}, 300_000);
afterAll(() => test?.close());

/** Opens the task's event stream, reads its first event, then leaves. */
async function connectAndLeave(url: string): Promise<string> {
  const leave = new AbortController();
  const response = await fetch(url, { headers: { 'x-user': 'alice' }, signal: leave.signal });
  const reader = response.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  leave.abort();
  await reader.cancel().catch(() => {});
  return first;
}

async function settled(runtime: 'nodejs' | 'edge'): Promise<number> {
  let loops = (await test.app.stats(runtime)).activeLoops;
  for (let i = 0; i < 40 && loops > 0; i++) {
    await sleep(25);
    loops = (await test.app.stats(runtime)).activeLoops;
  }
  return loops;
}

it('Node.js runtime: 50 connect/disconnect cycles stop the loop each time and leave no timer', async () => {
  const handle = await test.start('/api/actkit');
  const url = `${test.app.origin}/api/actkit/tasks/${handle}/events`;
  expect(await connectAndLeave(url)).toMatch(/^data: /); // warm-up
  expect(await settled('nodejs')).toBe(0);
  const before = await test.app.stats('nodejs');

  for (let i = 0; i < 50; i++) expect(await connectAndLeave(url)).toMatch(/^data: /);

  expect(await settled('nodejs')).toBe(0);
  const gets = test.upstreamTaskGets();
  await sleep(300); // six poll intervals: a loop left running would poll
  expect(test.upstreamTaskGets()).toBe(gets);
  const after = await test.app.stats('nodejs');
  expect(after.resources.Timeout ?? 0).toBeLessThanOrEqual(before.resources.Timeout ?? 0);
  console.info(
    `[next nodejs] 50 cycles: ${gets} upstream GETs in all; timers ${before.resources.Timeout ?? 0} → ${after.resources.Timeout ?? 0}`,
  );
});

it('Edge runtime: a watcher that leaves stops the loop (10 cycles)', async () => {
  const handle = await test.start('/edge/api/actkit');
  const url = `${test.app.origin}/edge/api/actkit/tasks/${handle}/events`;
  for (let i = 0; i < 10; i++) expect(await connectAndLeave(url)).toMatch(/^data: /);
  expect(await settled('edge')).toBe(0);
  const gets = test.upstreamTaskGets();
  await sleep(300);
  expect(test.upstreamTaskGets()).toBe(gets);
});
