// One upstream poll loop per task across three instance processes sharing one Redis: many SSE watchers
// spread over the instances cost the provider what one watcher costs, and killing the instance that polls
// (SIGKILL: no goodbye) hands the loop to another within the lease time, so the other watchers reach the end
// and onTaskSettled runs once. The tests share one cluster, in order (the last one kills an instance).
import { beforeAll, describe, expect, it } from 'vitest';
import { create, type EventStream, watch } from './helpers/browser.js';
import { type Cluster, loopsPerInstance, until, useCluster } from './helpers/cluster.js';

// Tasks of 3 s: long enough to outlive a kill and the takeover.
const env = useCluster({ taskMs: 3000 });
const leaseMs = 1000;
let cluster: Cluster;
beforeAll(async () => {
  cluster = await env.start({ pollMs: 100, leaseMs, handler: { followTasks: { scanIntervalMs: 300 } } });
});

const statuses = (stream: EventStream) => stream.events.map((event) => event.status as string);
const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);

describe('fan-out across instances', () => {
  it('3 × 30 SSE watchers of one task cost at most 1.2 × the upstream GETs of one watcher', async () => {
    const [a, b] = cluster.instances;
    // Both tasks at once, so they share the machine's conditions: one with a single watcher (the
    // baseline), one with 90 watchers, 30 on each instance, joining over 300 ms as browsers would. Both are
    // created on `a`, whose follower starts both loops there: one instance's cadence for both.
    const lone = await create(a!.url, 'owner-lone');
    const shared = await create(a!.url, 'owner-many');
    expect([lone.status, shared.status]).toEqual([202, 202]);
    const single = watch(b!.url, lone.json.task.handle, 'owner-lone');
    const watchers: EventStream[] = [];
    for (let i = 0; i < 90; i++) {
      watchers.push(watch(cluster.instances[i % 3]!.url, shared.json.task.handle, 'owner-many'));
      if (i % 9 === 8) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all([single.done, ...watchers.map((stream) => stream.done)]);
    expect(statuses(single).at(-1)).toBe('SUCCEEDED');
    for (const stream of watchers) expect(statuses(stream).at(-1)).toBe('SUCCEEDED');

    const polls = async (owner: string) => env.emulator.task((await cluster.providerTaskId(owner))!)!.polls;
    const [singleGets, sharedGets] = [await polls('owner-lone'), await polls('owner-many')];
    console.info(`fan-out: 1 watcher ${singleGets} GETs, 90 watchers on 3 instances ${sharedGets} GETs`);
    expect(singleGets).toBeGreaterThan(3);
    expect(sharedGets / singleGets).toBeLessThanOrEqual(1.2);
    await until(async () => sum(await loopsPerInstance(cluster.instances)) === 0, 'the loops to stop');
  });

  it('kill -9 of the polling instance: watchers elsewhere keep receiving and reach SUCCEEDED; settled once', async () => {
    const { instances } = cluster;
    const created = await create(instances[0]!.url, 'owner-kill');
    expect(created.status).toBe(202);
    const handle = created.json.task.handle as string;
    const streams = instances.map((instance) =>
      Array.from({ length: 10 }, () => watch(instance.url, handle, 'owner-kill')),
    );
    await until(async () => sum(await loopsPerInstance(instances)) === 1, 'one loop');
    const holder = (await loopsPerInstance(instances)).indexOf(1);
    const survivors = streams.filter((_, i) => i !== holder).flat();
    await until(() => survivors.every((s) => s.events.length >= 1), 'every survivor to hear a state');

    const killedAt = Date.now();
    const heardBefore = survivors.map((s) => s.events.length);
    await instances[holder]!.kill();
    await until(
      () => survivors.every((s, i) => s.events.length > heardBefore[i]!),
      'the survivors to hear a state from the new holder',
    );
    const takeoverMs = Date.now() - killedAt;
    await Promise.all(survivors.map((s) => s.done));
    for (const stream of survivors) expect(statuses(stream).at(-1)).toBe('SUCCEEDED');
    console.info(`takeover after kill -9: next state ${takeoverMs} ms after the kill (lease ${leaseMs} ms)`);
    // Within the lease (plus a poll and scheduling on a loaded machine).
    expect(takeoverMs).toBeLessThan(leaseMs + 1000);
    const remaining = instances.filter((_, i) => i !== holder);
    await until(async () => sum(await loopsPerInstance(remaining)) === 0, 'the loop to end');

    // onTaskSettled ran once, on a survivor, and more follower scans (every 300 ms) do not call it again.
    const settledFor = () => cluster.settled().filter((s) => s.owner === 'owner-kill');
    await until(() => settledFor().length >= 1, 'onTaskSettled');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(settledFor()).toHaveLength(1);
    expect(settledFor()[0]).toMatchObject({ status: 'SUCCEEDED' });
    expect(settledFor()[0]!.instance).not.toBe(instances[holder]!.name);
  });
});
