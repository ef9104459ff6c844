// What an instance killed with SIGKILL leaves in Redis, read back from Redis itself, as the README's "When
// an instance is killed (kill -9)" says: its open-stream slot stays until its TTL (at most 60 s after its
// last renewal) and still counts against the owner's `openStreams` on the other instances meanwhile; the
// task's active-task slot outlives the instance (the task still runs) and is freed when another instance
// sees the task end; its poll lease lapses within `leaseMs`.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, get, watch } from './helpers/browser.js';
import { type Cluster, until, useCluster } from './helpers/cluster.js';

const env = useCluster({ taskMs: 2500 });
const leaseMs = 1000;
/** The open-stream slot's TTL with the default 15 s heartbeat: max(60 s, 4 × heartbeatMs). */
const streamSlotTtlMs = 60_000;

let cluster: Cluster;
let redis: ReturnType<typeof createClient>;
beforeAll(async () => {
  cluster = await env.start({
    frameworks: ['express', 'express'],
    settle: false,
    leaseMs,
    limits: { openStreams: 1 },
  });
  redis = createClient({ url: env.redis.url });
  await redis.connect();
});
afterAll(async () => {
  await redis?.close();
});

/** Redis's own clock, in ms (the scripts score slots by it). */
const redisNow = async () => {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
};
/** The live slots of a counter key, with the ms each has left. */
const slots = async (key: string) => {
  const now = await redisNow();
  const entries = await redis.zRangeWithScores(`${cluster.keyPrefix}slots:${key}`, 0, -1);
  return entries.filter((entry) => entry.score > now).map((entry) => entry.score - now);
};

describe('an instance killed with SIGKILL', () => {
  it('leaves its stream slot until the TTL, its task slot until the task is seen ending, its lease for leaseMs', async () => {
    const [a, b] = cluster.instances;
    const owner = 'owner-killed';
    const created = await create(a!.url, owner);
    expect(created.status).toBe(202);
    const handle: string = created.json.task.handle;
    const stream = watch(a!.url, handle, owner);
    await until(() => stream.events.length > 0, 'the stream on a shows the task');
    const taskId = await cluster.providerTaskId(owner);

    await a!.kill();
    // The open-stream slot: nobody released it, it frees by its TTL (at most 60 s from its last renewal).
    const [streamLeft] = await slots(`streams:${owner}`);
    expect(streamLeft).toBeGreaterThan(0);
    expect(streamLeft).toBeLessThanOrEqual(streamSlotTtlMs);
    // ...and counts meanwhile: the owner's one stream (openStreams 1) is still taken on b.
    expect((await get(b!.url, `/tasks/${handle}/events`, owner)).status).toBe(429);
    // The task's poll lease: its holder is dead, it lapses within leaseMs.
    const leaseLeft = await redis.pTTL(`${cluster.keyPrefix}lease:${taskId}`);
    expect(leaseLeft).toBeLessThanOrEqual(leaseMs);
    // The active-task slot: the task still runs upstream, so the slot stays (its TTL is an hour)...
    const [activeLeft] = await slots(`active:${owner}`);
    expect(activeLeft).toBeGreaterThan(55 * 60_000);
    await until(
      async () => (await redis.exists(`${cluster.keyPrefix}lease:${taskId}`)) === 0,
      'the lease lapses',
    );

    // ...until another instance sees the task end (here a read on b): then it is freed.
    await until(
      async () => (await get(b!.url, `/tasks/${handle}`, owner)).json.task?.status === 'SUCCEEDED',
      'b reads the task SUCCEEDED',
    );
    await until(async () => (await slots(`active:${owner}`)).length === 0, 'the active slot is freed');
    // The dead stream's slot is not: only its TTL frees it.
    expect(await slots(`streams:${owner}`)).toHaveLength(1);
  });
});
