// The limit counters on a real Redis: each decision is one script, so limits hold when several instances
// (here: several stores, each with its own connection) decide at the same moment.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';
import { storeFactory } from './helpers/stores.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.close());
const newStore = storeFactory(() => redis);

describe('rolling window hit', () => {
  it('admits exactly `limit` of many concurrent hits from three connections', async () => {
    const prefix = `window-${Date.now()}:`;
    const stores = [
      newStore({ keyPrefix: prefix }),
      newStore({ keyPrefix: prefix }),
      newStore({ keyPrefix: prefix }),
    ];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.counters.hit('creates:alice', 60_000, 5)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const denied of results.filter((r) => !r.allowed)) {
      expect(denied.retryAfterMs).toBeGreaterThan(55_000);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    // Another key is its own window.
    expect((await stores[0]!.counters.hit('creates:bob', 60_000, 5)).allowed).toBe(true);
  });

  it('admits again once the oldest hit has left the window, and says when that will be', async () => {
    const { counters } = newStore();
    expect((await counters.hit('k', 300, 1)).allowed).toBe(true);
    const denied = await counters.hit('k', 300, 1);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeGreaterThan(0);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(300);
    await sleep(denied.retryAfterMs + 20);
    expect((await counters.hit('k', 300, 1)).allowed).toBe(true);
  });

  it('keeps the window key no longer than the window', async () => {
    const store = newStore({ keyPrefix: 'ttl-window:' });
    await store.counters.hit('k', 5000, 3);
    const { createClient } = await import('redis');
    const raw = createClient({ url: redis.url });
    await raw.connect();
    const ttl = await raw.pTTL('ttl-window:window:k');
    await raw.close();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });
});

describe('slots', () => {
  it('admits `limit` distinct members across three connections; a member already in is refreshed', async () => {
    const prefix = `slots-${Date.now()}:`;
    const stores = [
      newStore({ keyPrefix: prefix }),
      newStore({ keyPrefix: prefix }),
      newStore({ keyPrefix: prefix }),
    ];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stores[i % 3]!.counters.acquireSlot('active:alice', `record-${i}`, 3, 60_000),
      ),
    );
    const admitted = results.flatMap((r, i) => (r.allowed ? [`record-${i}`] : []));
    expect(admitted).toHaveLength(3);
    expect((await stores[1]!.counters.listSlots('active:alice')).sort()).toEqual(admitted.sort());
    // A member that holds a slot is allowed again (a retried reservation), without taking a second one.
    expect((await stores[2]!.counters.acquireSlot('active:alice', admitted[0]!, 3, 60_000)).allowed).toBe(
      true,
    );
    expect(await stores[0]!.counters.listSlots('active:alice')).toHaveLength(3);
    await stores[0]!.counters.releaseSlot('active:alice', admitted[0]!);
    expect((await stores[1]!.counters.acquireSlot('active:alice', 'record-new', 3, 60_000)).allowed).toBe(
      true,
    );
    expect(await stores[2]!.counters.listSlots('active:alice')).toContain('record-new');
  });

  it('drops a slot when its ttl passes, even if nobody releases it', async () => {
    const { counters } = newStore();
    expect((await counters.acquireSlot('s', 'a', 1, 150)).allowed).toBe(true);
    const denied = await counters.acquireSlot('s', 'b', 1, 150);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(150);
    await sleep(200);
    expect(await counters.listSlots('s')).toEqual([]);
    expect((await counters.acquireSlot('s', 'b', 1, 150)).allowed).toBe(true);
  });
});

describe('task states', () => {
  it('shares a state between instances; non-terminal states expire after their ttl', async () => {
    const prefix = `states-${Date.now()}:`;
    const [a, b] = [newStore({ keyPrefix: prefix }), newStore({ keyPrefix: prefix })];
    const task = {
      id: 't1',
      status: 'RUNNING',
      progress: 0.5,
      createdAt: '2026-01-01T00:00:00.000Z',
      raw: {},
    };
    await a.tasks.set('t1', { task: task as never, readAt: 123 }, 100);
    expect(await b.tasks.get('t1')).toEqual({ task, readAt: 123 });
    await sleep(150);
    expect(await b.tasks.get('t1')).toBeUndefined();
    const done = { ...task, status: 'SUCCEEDED', progress: 1, output: ['https://cdn.example/v.mp4'] };
    await a.tasks.set('t1', { task: done as never, readAt: 456 });
    await sleep(150);
    expect(await b.tasks.get('t1')).toEqual({ task: done, readAt: 456 });
  });

  it('keeps a state at most terminalTaskTtlMs, even when the handler asks for longer', async () => {
    // The handler gives a SUCCEEDED state the time its output links stay fresh (12 h by default).
    const store = newStore({ keyPrefix: `states-cap-${Date.now()}:`, terminalTaskTtlMs: 150 });
    const done = {
      id: 't2',
      status: 'SUCCEEDED',
      progress: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      raw: {},
    };
    await store.tasks.set('t2', { task: done as never, readAt: 1 }, 12 * 60 * 60 * 1000);
    expect(await store.tasks.get('t2')).toBeDefined();
    await sleep(250);
    expect(await store.tasks.get('t2')).toBeUndefined();
  });
});
