// One upstream poll loop per task across three instance processes sharing one Redis: many SSE watchers
// spread over the instances cost the provider what one watcher costs, and killing the instance that polls
// (SIGKILL: no goodbye) hands the loop to another within the lease time, so the other watchers reach the end.
import { describe, expect, it } from 'vitest';
import { create, type EventStream, watch } from './helpers/browser.js';
import { loopsPerInstance, until, upstreamTaskGets, useCluster } from './helpers/cluster.js';

// Tasks of 3 s: long enough to outlive a kill and the takeover.
const env = useCluster({ taskMs: 3000 });

const statuses = (stream: EventStream) => stream.events.map((event) => event.status as string);

describe('fan-out across instances', () => {
  it('3 × 30 SSE watchers of one task cost at most 1.2 × the upstream GETs of one watcher', async () => {
    const { instances } = await env.start({ pollMs: 100 });
    const [a, b, c] = instances;

    // One watcher alone: the baseline.
    env.emulator.resetStats();
    const lone = await create(a!.url, 'owner-lone');
    expect(lone.status).toBe(202);
    const single = watch(b!.url, lone.json.task.handle, 'owner-lone');
    await single.done;
    expect(statuses(single).at(-1)).toBe('SUCCEEDED');
    const singleGets = upstreamTaskGets(env.emulator);

    // 90 watchers, 30 on each instance, joining over 300 ms as browsers would.
    env.emulator.resetStats();
    const shared = await create(c!.url, 'owner-many');
    expect(shared.status).toBe(202);
    const watchers: EventStream[] = [];
    for (let i = 0; i < 90; i++) {
      watchers.push(watch(instances[i % 3]!.url, shared.json.task.handle, 'owner-many'));
      if (i % 9 === 8) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all(watchers.map((stream) => stream.done));
    for (const stream of watchers) expect(statuses(stream).at(-1)).toBe('SUCCEEDED');
    const sharedGets = upstreamTaskGets(env.emulator);

    console.info(`fan-out: 1 watcher ${singleGets} GETs, 90 watchers on 3 instances ${sharedGets} GETs`);
    expect(singleGets).toBeGreaterThan(3);
    expect(sharedGets / singleGets).toBeLessThanOrEqual(1.2);
    // Every loop ended with the task.
    await until(async () => (await loopsPerInstance(instances)).every((n) => n === 0), 'the loops to stop');
  });

  it('kill -9 of the polling instance: watchers elsewhere keep receiving and reach SUCCEEDED', async () => {
    const leaseMs = 1000;
    const { instances } = await env.start({ pollMs: 100, leaseMs });
    const created = await create(instances[0]!.url, 'owner-kill');
    expect(created.status).toBe(202);
    const handle = created.json.task.handle as string;
    const streams = instances.map((instance) =>
      Array.from({ length: 10 }, () => watch(instance.url, handle, 'owner-kill')),
    );
    await until(async () => (await loopsPerInstance(instances)).reduce((x, y) => x + y) === 1, 'one loop');
    const loops = await loopsPerInstance(instances);
    const holder = loops.indexOf(1);
    const survivors = streams.filter((_, i) => i !== holder).flat();
    await until(() => survivors.every((s) => s.events.length >= 1), 'every survivor to hear a state');

    const killedAt = Date.now();
    const heardBefore = survivors.map((s) => s.events.length);
    await instances[holder]!.kill();
    // The killed instance's own streams just break; the others go on.
    await Promise.allSettled(streams[holder]!.map((s) => s.done));
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
    expect((await loopsPerInstance(remaining)).reduce((x, y) => x + y)).toBe(0);
  });
});
