// Per-owner limits held across instance processes by one Redis, and creates failing closed while Redis is
// gone: a 503 with Retry-After and no paid create upstream, then creates again once Redis is back, with no
// instance restarted. (Reads while Redis is down: outage-reads.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { create, get } from './helpers/browser.js';
import { type Cluster, useCluster } from './helpers/cluster.js';

const env = useCluster({ taskMs: 1000 });
// Two Express instances and a Nest one, 5 creates per owner per minute; each test has its own owners.
let cluster: Cluster;
beforeAll(async () => {
  cluster = await env.start({ frameworks: ['express', 'express', 'nest'], limits: { createsPerMinute: 5 } });
});

describe('limits across instances', () => {
  it('createsPerMinute 5 spread round-robin over Express, Express and Nest: exactly 5 accepted, then 429', async () => {
    const { instances } = cluster;
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push(await create(instances[i % 3]!.url, 'owner-rate'));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202, 429, 429, 429, 429]);
    for (const denied of answers.slice(5)) {
      expect(denied.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // The oldest create leaves the minute in at most 60 s.
      const retryAfter = Number(denied.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Concurrent creates, every instance at once, for another owner: the limit holds too.
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create(instances[i % 3]!.url, 'owner-burst')),
    );
    expect(burst.filter((answer) => answer.status === 202)).toHaveLength(5);
    expect(burst.filter((answer) => answer.status === 429)).toHaveLength(7);
  });
});

describe('Redis unavailable', () => {
  it('answers creates and reads with 503 and Retry-After, sends nothing upstream, recovers when Redis is back', async () => {
    const { instances } = cluster;
    const first = await create(instances[0]!.url, 'owner-outage');
    expect(first.status).toBe(202);
    const createdBefore = env.emulator.stats.tasksCreated;
    await env.redis.stop();
    try {
      for (const instance of instances) {
        const answer = await create(instance.url, 'owner-outage');
        expect(answer.status).toBe(503);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(JSON.stringify(answer.json)).not.toMatch(/redis|127\.0\.0\.1|ECONNREFUSED/i);
      }
      expect(env.emulator.stats.tasksCreated).toBe(createdBefore);
      // The owner's list needs the store: a clear 503 too. A task the provider accepted is still read from
      // upstream on any instance (outage-reads.test.ts follows that through).
      const list = await get(instances[1]!.url, '/tasks', 'owner-outage');
      expect(list.status).toBe(503);
      expect(Number(list.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(instances[2]!.url, `/tasks/${first.json.task.handle}`, 'owner-outage')).status).toBe(
        200,
      );
    } finally {
      await env.redis.start();
    }
    // Same port, same instances: creates succeed again once the clients have reconnected.
    for (const [i, instance] of instances.entries()) {
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 202; attempt++) {
        status = (await create(instance.url, `owner-outage-${i}`)).status;
        if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(202);
    }
    expect(env.emulator.stats.tasksCreated).toBe(createdBefore + instances.length);
  });
});
