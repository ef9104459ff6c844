// `limits.activeTasks` under creates that arrive together, over real HTTP to instance processes: one
// instance and three sharing Redis, and one instance on the memory store. Every create holds an active-task
// slot from before its ledger record exists; a denied create's check for slots of tasks that ended unseen
// must never free the slot of an attempt that is still starting (its record not written yet), and must not
// cost an upstream read per slot per denied create.
import { beforeAll, describe, expect, it } from 'vitest';
import { create } from './helpers/browser.js';
import { type Cluster, upstreamTaskGets, useCluster } from './helpers/cluster.js';

// Tasks run a minute: nothing ends during a test, so every accepted create keeps its slot.
const env = useCluster({ taskMs: 60_000 });
const activeTasks = 3;
const limits = { activeTasks, createsPerMinute: 1000 };

let oneRedis: Cluster;
let threeRedis: Cluster;
let oneMemory: Cluster;
beforeAll(async () => {
  [oneRedis, threeRedis, oneMemory] = await Promise.all([
    env.start({ frameworks: ['express'], limits, settle: false, redisTimeoutMs: 5_000 }),
    // 50 creates at once on a loaded machine can keep Redis calls past 500 ms: a 503 would not be the race.
    env.start({
      frameworks: ['express', 'express', 'express'],
      limits,
      settle: false,
      redisTimeoutMs: 5_000,
    }),
    env.start({ frameworks: ['express'], limits, settle: false, store: 'memory' }),
  ]);
});

/** `count` creates for `owner` sent at once, spread round-robin over `cluster`'s instances. */
async function burst(cluster: Cluster, owner: string, count: number) {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      create(cluster.instances[i % cluster.instances.length]!.url, owner),
    ),
  );
  return answers.map((answer) => answer.status);
}

const tally = (statuses: number[]) => ({
  accepted: statuses.filter((status) => status === 202).length,
  denied: statuses.filter((status) => status === 429).length,
});

describe('activeTasks under concurrent creates', () => {
  it.each([
    ['one instance on Redis', () => oneRedis],
    ['three instances sharing Redis', () => threeRedis],
    ['one instance on the memory store', () => oneMemory],
  ])(
    '%s: 30 creates at once for one owner → exactly activeTasks accepted, the rest 429',
    async (name, cluster) => {
      const createdBefore = env.emulator.stats.tasksCreated;
      const owner = `burst-${name.replace(/\W+/g, '-')}`;
      expect(tally(await burst(cluster(), owner, 30))).toEqual({
        accepted: activeTasks,
        denied: 30 - activeTasks,
      });
      // Only the accepted creates reached the provider: no paid task beyond the limit.
      expect(env.emulator.stats.tasksCreated - createdBefore).toBe(activeTasks);
      // The owner stays at the limit afterwards too.
      expect(tally(await burst(cluster(), owner, 5))).toEqual({ accepted: 0, denied: 5 });
      expect(env.emulator.stats.tasksCreated - createdBefore).toBe(activeTasks);
    },
  );

  it.each([
    ['one instance on Redis', () => oneRedis],
    ['three instances sharing Redis', () => threeRedis],
    ['one instance on the memory store', () => oneMemory],
  ])(
    '%s: a double-click of 5 creates, for 10 owners at once → exactly activeTasks each',
    async (name, cluster) => {
      const createdBefore = env.emulator.stats.tasksCreated;
      const owners = Array.from({ length: 10 }, (_, i) => `click-${name.replace(/\W+/g, '-')}-${i}`);
      const results = await Promise.all(owners.map((owner) => burst(cluster(), owner, 5)));
      expect(results.map(tally)).toEqual(
        owners.map(() => ({ accepted: activeTasks, denied: 5 - activeTasks })),
      );
      expect(env.emulator.stats.tasksCreated - createdBefore).toBe(owners.length * activeTasks);
    },
  );
});

describe('a denied create does not read every slot upstream', () => {
  it.each([
    ['one instance on Redis', () => oneRedis],
    ['three instances sharing Redis', () => threeRedis],
    ['one instance on the memory store', () => oneMemory],
  ])(
    '%s: 30 denied creates of an owner with 3 running tasks cost at most one read per task',
    async (name, cluster) => {
      const owner = `quota-${name.replace(/\W+/g, '-')}`;
      const instances = cluster().instances;
      for (let i = 0; i < activeTasks; i++)
        expect((await create(instances[i % instances.length]!.url, owner)).status).toBe(202);
      const readsBefore = upstreamTaskGets(env.emulator);
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await create(instances[i % instances.length]!.url, owner)).status);
      expect(statuses).toEqual(Array(30).fill(429));
      const reads = upstreamTaskGets(env.emulator) - readsBefore;
      // The check runs at most once per owner per 4 s (shared by the instances through the store) and reads
      // each slot's task at most once then: one round of reads per started 4 s.
      const rounds = Math.ceil((Date.now() - started) / 4000);
      expect(reads).toBeLessThanOrEqual(activeTasks * rounds);
      expect(reads).toBeLessThan(30);
    },
  );
});
