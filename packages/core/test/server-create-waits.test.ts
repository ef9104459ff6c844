// A browser's create through the handler waits for the provider a bounded time, and a run of ambiguous
// creates does not lock its owner out for an hour. Both are found by a fresh user of the server side: a
// provider asking `Retry-After: 59` on every create held the browser's POST for ~3 minutes (the client's
// retries, each under its 60 s cap); three creates the provider did not confirm held the owner's three
// active-task slots for the hour a running task's slot lives.
import { describe, expect, it } from 'vitest';
import { type ActkitCounterStore, createActkitHandler, createMemoryStore } from '../src/server/index.js';
import { authorize, callsOf, json, secret } from './handler-helpers.js';
import { clientFor, createCount, emulator } from './helpers.js';

describe('the create waits for the provider a bounded time', () => {
  it('a Retry-After longer than maxCreateRetryWaitMs is answered at once: 429 with that wait, one attempt', async () => {
    const emu = await emulator({ taskMs: 60_000 });
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfter: 10, times: 5 });
    const handler = createActkitHandler({ client: clientFor(emu, { maxRetries: 3 }), authorize, secret });
    const started = performance.now();
    const answer = await callsOf(handler).post('alice');
    const elapsedMs = performance.now() - started;
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('10');
    // Compared with the wait the provider asked for (10 s): the browser was not held for it.
    expect(elapsedMs).toBeLessThan(10_000 / 4);
    expect(createCount(emu)).toBe(1); // one attempt, refused at the gate: no task
    expect(emu.stats.tasksCreated).toBe(0);
    await handler.close();
  });

  it('short waits within the bound are still retried: the create succeeds', async () => {
    const emu = await emulator({ taskMs: 60_000 });
    emu.inject({ kind: 'status', route: 'create', status: 429, retryAfterMs: 50, times: 2 });
    const handler = createActkitHandler({ client: clientFor(emu, { maxRetries: 3 }), authorize, secret });
    expect((await callsOf(handler).post('alice')).status).toBe(202);
    expect(createCount(emu)).toBe(3);
    await handler.close();
  });
});

describe('ambiguous creates hold their slots minutes, not the hour of a running task', () => {
  it("an UNKNOWN attempt's active-task slot is renewed for 5 minutes, not left at an hour", async () => {
    const emu = await emulator({ taskMs: 60_000 });
    const memory = createMemoryStore();
    const ttls = new Map<string, number[]>();
    const counters: ActkitCounterStore = {
      ...memory.counters,
      acquireSlot(key, member, limit, ttlMs) {
        if (key.startsWith('active:')) ttls.set(member, [...(ttls.get(member) ?? []), ttlMs]);
        return memory.counters.acquireSlot(key, member, limit, ttlMs);
      },
    };
    const handler = createActkitHandler({
      client: clientFor(emu, { maxRetries: 0 }),
      authorize,
      secret,
      store: { ...memory, counters },
      limits: { activeTasks: 3 },
    });
    const { post } = callsOf(handler);
    for (let i = 0; i < 3; i++) {
      emu.inject({ kind: 'status', route: 'create', status: 500, afterCreate: true });
      const answer = await post('alice');
      expect(answer.status).toBe(502);
      expect((json(answer) as { type?: string }).type).toMatch(/task-may-exist/);
    }
    // A minute until the record exists, an hour once it does, five minutes once the create was ambiguous.
    expect([...ttls.values()]).toEqual([
      [60_000, 3_600_000, 300_000],
      [60_000, 3_600_000, 300_000],
      [60_000, 3_600_000, 300_000],
    ]);
    // Meanwhile they do count: a fourth create waits, told why.
    const fourth = await post('alice');
    expect(fourth.status).toBe(429);
    expect((json(fourth) as { detail?: string }).detail).toMatch(/did not confirm/);
    await handler.close();
  });
});
