// The polling loop shared by watch and wait, over HTTP against the emulator: many loops on one client (one
// scheduler), each abortable on its own at once; `break` stops polling; the deadline also ends the
// transport's retry backoff.
import { describe, expect, it } from 'vitest';
import { ActkitAbortError, TaskTimeoutError } from '../src/index.js';
import { clientFor, emulator, getCount, input } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watch loop', () => {
  it('aborting one of many sleeping waits ends that one at once and leaves the others polling', async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const ids = await Promise.all(
      Array.from({ length: 20 }, async () => (await client.characterPerformance.create(input())).id),
    );
    const controllers = ids.map(() => new AbortController());
    const settled = ids.map(() => false);
    const waits = ids.map((id, i) =>
      client.tasks
        .wait(id, { signal: controllers[i]!.signal, pollIntervalMs: 10_000 })
        .catch((error: unknown) => error)
        .finally(() => {
          settled[i] = true;
        }),
    );
    await sleep(200); // every loop made its first GET and sleeps
    expect(getCount(emu)).toBe(20);
    const abortedAt = Date.now();
    controllers[7]!.abort();
    expect(await waits[7]).toBeInstanceOf(ActkitAbortError);
    expect(Date.now() - abortedAt).toBeLessThan(50);
    expect(settled.filter(Boolean)).toHaveLength(1);
    for (const controller of controllers) controller.abort();
    for (const error of await Promise.all(waits)) expect(error).toBeInstanceOf(ActkitAbortError);
  });

  it('break ends a watch: no GET after it', async () => {
    const emu = await emulator({ taskMs: 5000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const watch = client.tasks.watch(id, { pollIntervalMs: 50 });
    for await (const task of watch) {
      expect(task.id).toBe(id);
      break;
    }
    const gets = getCount(emu);
    await sleep(200);
    expect(getCount(emu)).toBe(gets);
    expect(await watch.next()).toEqual({ value: undefined, done: true });
  });

  it("the deadline ends the transport's retry backoff too (429 with Retry-After 30 s)", async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    emu.inject({ kind: 'status', route: 'getTask', status: 429, retryAfter: 30 });
    const started = Date.now();
    const error = await client.tasks.wait(id, { timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    // Ended by the 300 ms deadline, not the 30 s backoff (a loaded CI run once took 443 ms to get here).
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('TaskTimeoutError keeps the last state, without the raw body', async () => {
    const emu = await emulator({ taskMs: 20_000 });
    const client = clientFor(emu);
    const { id } = await client.characterPerformance.create(input());
    const error = await client.tasks.wait(id, { timeoutMs: 300, pollIntervalMs: 10_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error.lastTask).toMatchObject({ id, raw: undefined });
    expect(['PENDING', 'RUNNING']).toContain(error.lastTask.status);
  });
});
