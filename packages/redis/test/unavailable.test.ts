// Redis going away and coming back: every store call fails fast (the handler answers 503 and sends no
// create) instead of waiting on the client's reconnect loop, watchers keep hearing their task, and when
// Redis is back everything works again without a restart.
import type { TaskWatchEvent } from '@actkit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../src/index.js';
import { eventually, fakePoller } from './helpers/fake-poller.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';
import { storeFactory } from './helpers/stores.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.close());
const newStore = storeFactory(() => redis);

const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  const outcome = await work().then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: performance.now() - started };
};

describe('when Redis is unavailable', () => {
  it('fails every call within the operation timeout, then recovers by itself when Redis is back', async () => {
    const store = newStore({ operationTimeoutMs: 500 });
    expect((await store.counters.hit('creates:alice', 60_000, 10)).allowed).toBe(true);
    await redis.stop();
    try {
      for (const call of [
        () => store.counters.hit('creates:alice', 60_000, 10),
        () => store.counters.acquireSlot('active:alice', 'r1', 3, 60_000),
        () => store.counters.listSlots('active:alice'),
        () => store.tasks.get('t1'),
      ]) {
        const { error, ms } = await timed(call);
        expect(error).toBeInstanceOf(RedisUnavailableError);
        expect((error as RedisUnavailableError).status).toBe(503);
        // Offline: the client rejects at once; never the reconnect backoff, never past the deadline.
        expect(ms).toBeLessThan(500 + 250);
      }
    } finally {
      await redis.start();
    }
    // Back on the same port (empty: no persistence): the same store works again, no restart.
    let result: { allowed: boolean } | undefined;
    const until = Date.now() + 5000;
    while (!result && Date.now() < until) {
      result = await store.counters.hit('creates:alice', 60_000, 10).catch(() => undefined);
      if (!result) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(result?.allowed).toBe(true);
  });

  it('keeps a watcher hearing its task through the outage, and shares one loop again after it', async () => {
    const [a, b] = [1, 2].map((n) =>
      newStore({ keyPrefix: 'outage:', leaseMs: 600, operationTimeoutMs: 300, instanceId: `i${n}` }),
    );
    const pa = fakePoller(30);
    const pb = fakePoller(30);
    const onA: TaskWatchEvent[] = [];
    const onB: TaskWatchEvent[] = [];
    a!.watchers.subscribe('task-x', pa.poll, (e) => onA.push(e));
    b!.watchers.subscribe('task-x', pb.poll, (e) => onB.push(e));
    await eventually(() => onA.length > 2 && onB.length > 2, 3000, 'both to hear states');
    expect(pa.state.starts + pb.state.starts).toBe(1);
    await redis.stop();
    try {
      const [heardA, heardB] = [onA.length, onB.length];
      await eventually(() => onA.length > heardA + 3 && onB.length > heardB + 3, 5000, 'states while down');
    } finally {
      await redis.start();
    }
    // Both polled alone while Redis was down; once it is back, one of them stops.
    await eventually(
      () => a!.watchers.activeLoops() + b!.watchers.activeLoops() === 1,
      5000,
      'one loop again',
    );
    const [heardA, heardB] = [onA.length, onB.length];
    await eventually(() => onA.length > heardA + 2 && onB.length > heardB + 2, 3000, 'states after');
    pa.state.finish = true;
    pb.state.finish = true;
  });

  it('starts no second loop when Redis only stalls (calls time out) for less than a lease', async () => {
    const [a, b] = [1, 2].map((n) =>
      newStore({ keyPrefix: 'stall:', leaseMs: 4000, operationTimeoutMs: 150, instanceId: `s${n}` }),
    );
    const pa = fakePoller(30);
    const pb = fakePoller(30);
    const onB: TaskWatchEvent[] = [];
    a!.watchers.subscribe('task-s', pa.poll, () => {});
    await eventually(() => pa.state.starts === 1, 3000, 'a to poll');
    b!.watchers.subscribe('task-s', pb.poll, (e) => onB.push(e));
    await eventually(() => onB.length > 2, 3000, 'b to hear a');
    const pid = redis.pid()!;
    // Every call now times out after 150 ms, for longer than b's claim interval (at most leaseMs / 2), so b
    // claims during the stall at least once, and for less than the lease a renewed just before.
    process.kill(pid, 'SIGSTOP');
    try {
      await new Promise((resolve) => setTimeout(resolve, 2300));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const heard = onB.length;
    await eventually(() => onB.length > heard + 2, 3000, 'b to hear a again');
    expect(pb.state.starts).toBe(0);
    expect(pa.state.starts).toBe(1);
    pa.state.finish = true;
  });
});
