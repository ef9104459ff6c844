// The polling schedule: a prompt first poll, no duplicate GETs, THROTTLED is waiting, and a bounded number
// of requests per task (the official SDK sleeps 6 s before its first poll and sends GETs in pairs).
import { describe, expect, it } from 'vitest';
import type { PollContext, Task } from '../src/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

/** Records when each GET left, through a pass-through fetch (the requests are real). */
function recordingFetch() {
  const gets: number[] = [];
  const wrapped: typeof fetch = (url, init) => {
    if ((init?.method ?? 'GET') === 'GET') gets.push(Date.now());
    return fetch(url, init);
  };
  return { gets, fetch: wrapped };
}

describe('polling', () => {
  it('retrieve sends exactly one GET', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    await client.tasks.retrieve(id);
    expect(getCount(emu)).toBe(1);
  });

  it('polls at once after create, then spaces GETs by the schedule (never back to back)', async () => {
    const emu = await emulator({ taskMs: 2500 });
    const recorder = recordingFetch();
    const client = clientFor(emu, { fetch: recorder.fetch });
    const createdAt = Date.now();
    const done = await client.characterPerformance.run(input());
    expect(done.status).toBe('SUCCEEDED');
    const first = recorder.gets[0] ?? Number.POSITIVE_INFINITY;
    expect(first - createdAt).toBeLessThan(200);
    const gaps = recorder.gets.slice(1).map((t, i) => t - (recorder.gets[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    expect(getCount(emu)).toBe(recorder.gets.length);
  });

  it('a task of N seconds costs a bounded number of GETs and is noticed soon after it ends', async () => {
    const taskMs = 4000;
    const emu = await emulator({ taskMs });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    await client.tasks.wait(id);
    const noticedAt = Date.now();
    const info = emu.task(id);
    // Schedule (poll-schedule.ts): 0 s, 1 s, 3 s, then every 5 s until the rate is known, then the predicted
    // finish (at most 10 s away) → about 4 + N/10 GETs, never more than 3 + ceil(N / 5 s) + 1.
    expect(getCount(emu)).toBeLessThanOrEqual(3 + Math.ceil(taskMs / 5000) + 1);
    expect(noticedAt - (info?.finishedAt ?? 0)).toBeLessThan(1500);
  });

  it('THROTTLED counts as waiting', async () => {
    const emu = await emulator({ taskMs: 400, concurrency: 1 });
    const client = clientFor(emu);
    await client.characterPerformance.create(input());
    const { id } = await client.characterPerformance.create(input());
    const statuses: string[] = [];
    const done = await client.tasks.wait(id, {
      pollIntervalMs: 50,
      onProgress: (t) => statuses.push(t.status),
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(statuses).toContain('THROTTLED');
  });

  it('a custom pollSchedule decides the delays and sees the task', async () => {
    const emu = await emulator({ taskMs: 400 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const contexts: PollContext[] = [];
    const seen: Task[] = [];
    await client.tasks.wait(id, {
      pollSchedule: (context) => {
        contexts.push(context);
        return 40;
      },
      onProgress: (task) => seen.push(task),
    });
    expect(contexts.length).toBe(getCount(emu) - 1);
    expect(contexts[0]?.polls).toBe(1);
    expect(contexts.at(-1)?.task?.id).toBe(id);
    expect(seen.at(-1)?.status).toBe('SUCCEEDED');
  });
});
