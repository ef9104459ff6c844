// The cross-instance watcher registry with several stores in one process (each its own connections, as
// separate instances would have). Killing a holder outright is in multi-instance.test.ts, with processes.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TaskWatchEvent } from '@actkit/core/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fakePoller } from './helpers/fake-poller.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';
import { storeFactory } from './helpers/stores.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.close());
const newStore = storeFactory(() => redis);

/** Three "instances" sharing one prefix. */
const cluster = (leaseMs = 600) => {
  const keyPrefix = `cluster:${randomUUID()}:`;
  return [1, 2, 3].map((n) => newStore({ keyPrefix, leaseMs, instanceId: `instance-${n}` }));
};

const statuses = (events: TaskWatchEvent[]) =>
  events.map((event) => (event.type === 'task' ? event.task.status : 'error'));

describe('redis watcher registry', () => {
  it('runs ONE loop for watchers on three instances; all of them hear every instance’s states', async () => {
    const instances = cluster();
    const pollers = instances.map(() => fakePoller());
    const seen = instances.map(() => [] as TaskWatchEvent[]);
    const leaves = instances.flatMap((instance, i) =>
      [0, 1, 2].map(() => instance.watchers.subscribe('task-a', pollers[i]!.poll, (e) => seen[i]!.push(e))),
    );
    await eventually(() => seen.every((events) => events.length >= 3), 5000, 'states on every instance');
    expect(pollers.reduce((sum, p) => sum + p.state.starts, 0)).toBe(1);
    expect(instances.reduce((sum, s) => sum + s.watchers.activeLoops(), 0)).toBe(1);
    for (const p of pollers) p.state.finish = true;
    await eventually(() => seen.every((events) => statuses(events).includes('SUCCEEDED')), 5000, 'SUCCEEDED');
    await eventually(() => instances.every((s) => s.watchers.activeLoops() === 0), 2000, 'loops to stop');
    for (const leave of leaves) leave();
  });

  it('gives a late joiner on another instance the latest state at once, then the rest', async () => {
    const [a, b] = cluster();
    // One poll every 1.5 s: a state the late joiner hears before the second poll came from the latest key.
    const { poll, state } = fakePoller(1500);
    const first: TaskWatchEvent[] = [];
    const leaveA = a!.watchers.subscribe('task-b', poll, (e) => first.push(e));
    await eventually(() => first.length === 1, 3000, 'the first state');
    const late: TaskWatchEvent[] = [];
    const leaveB = b!.watchers.subscribe('task-b', fakePoller().poll, (e) => late.push(e));
    await eventually(() => late.length >= 1, 3000, 'the latest state');
    expect(state.polls).toBe(1);
    state.finish = true;
    await eventually(() => statuses(late).includes('SUCCEEDED'), 5000, 'SUCCEEDED on the late joiner');
    leaveA();
    leaveB();
  });

  it('hands the loop to another instance at once when the holder’s last watcher leaves', async () => {
    // A 10 s lease: without the release, b would claim again only after leaseMs / 2 = 5 s.
    const [a, b] = cluster(10_000);
    const pa = fakePoller();
    const pb = fakePoller();
    const onA: TaskWatchEvent[] = [];
    const onB: TaskWatchEvent[] = [];
    const leaveA = a!.watchers.subscribe('task-c', pa.poll, (e) => onA.push(e));
    await eventually(() => onA.length >= 1, 3000, 'a to poll');
    const leaveB = b!.watchers.subscribe('task-c', pb.poll, (e) => onB.push(e));
    await eventually(() => onB.length >= 2, 3000, 'b to hear a');
    expect(pb.state.starts).toBe(0);
    const leftAt = Date.now();
    leaveA();
    await eventually(() => pb.state.starts === 1, 3000, 'b to take over');
    expect(Date.now() - leftAt).toBeLessThan(3000);
    expect(pa.state.stops).toBe(1);
    const heard = onB.length;
    await eventually(() => onB.length > heard + 2, 3000, 'b to keep getting states');
    leaveB();
    await eventually(() => b!.watchers.activeLoops() === 0, 2000, 'b to stop');
  });

  it('stops polling when the last watcher anywhere leaves, and releases the lease', async () => {
    const [a, b] = cluster();
    const pa = fakePoller();
    const leaves = [
      a!.watchers.subscribe('task-d', pa.poll, () => {}),
      b!.watchers.subscribe('task-d', fakePoller().poll, () => {}),
    ];
    await sleep(200);
    for (const leave of leaves) leave();
    await eventually(() => pa.state.stops === pa.state.starts, 2000, 'the loop to stop');
    const polls = pa.state.polls;
    await sleep(300);
    expect(pa.state.polls).toBe(polls);
  });

  it('publishes a loop error to watchers on every instance, as an error with the same name', async () => {
    const [a, b] = cluster();
    const pa = fakePoller();
    const onA: TaskWatchEvent[] = [];
    const onB: TaskWatchEvent[] = [];
    a!.watchers.subscribe('task-e', pa.poll, (e) => onA.push(e));
    await eventually(() => onA.length >= 1, 3000, 'a to poll');
    b!.watchers.subscribe('task-e', fakePoller().poll, (e) => onB.push(e));
    pa.state.fail = Object.assign(new Error('provider said: secret-ish text'), {
      name: 'ServerError',
      status: 503,
    });
    await eventually(() => statuses(onB).includes('error'), 3000, 'the error on b');
    const error = (onB.at(-1) as { type: 'error'; error: Error & { status?: number } }).error;
    expect(error.name).toBe('ServerError');
    expect(error.status).toBe(503);
    expect(error.message).not.toContain('secret-ish');
    expect(statuses(onA).at(-1)).toBe('error');
  });
});
