// What the ledger keeps in Redis stays bounded: without onTaskSettled no task enters the unfinished walk
// (and turning onTaskSettled on later settles only the tasks started from then on), and the members of
// expired records leave the owner's list and the walk as writes go on, with no read reaching them.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ledgerRecord } from '@actkit/core/testing';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, get } from './helpers/browser.js';
import { until, useCluster } from './helpers/cluster.js';
import { storeFactory } from './helpers/stores.js';

const env = useCluster({ taskMs: 400 });
const newStore = storeFactory(() => env.redis);

let redis: ReturnType<typeof createClient>;
beforeAll(async () => {
  redis = createClient({ url: env.redis.url });
  await redis.connect();
});
afterAll(() => redis?.close());

describe('without onTaskSettled', () => {
  it('no task enters the unfinished walk, and a later onTaskSettled settles only tasks started from then on', async () => {
    const cluster = await env.start({
      frameworks: ['express', 'express'],
      settle: false,
      handler: { followTasks: { scanIntervalMs: 200 } },
    });
    const [a, b] = cluster.instances;
    const owner = 'owner-plain';
    const watched = (await create(a!.url, owner)).json.task.handle as string;
    const unwatched = await create(b!.url, owner);
    expect(unwatched.status).toBe(202);
    await until(
      async () => (await get(b!.url, `/tasks/${watched}`, owner)).json.task.status === 'SUCCEEDED',
      'the watched task read as SUCCEEDED',
    );
    // The unwatched one has ended upstream too by now (400 ms tasks), unseen.
    await sleep(600);
    expect(await redis.zCard(`${cluster.keyPrefix}ledger:unfinished`)).toBe(0);
    expect(await redis.zCard(`${cluster.keyPrefix}ledger:owner:${owner}`)).toBe(2);

    // onTaskSettled turned on (a new instance with it): its follower scans every 200 ms.
    const settling = await cluster.add('express-settles', 'express', true);
    const fresh = (await create(settling.url, owner)).json.task.handle as string;
    await until(() => cluster.settled().length > 0, 'the new task settled');
    await sleep(1000); // five scans more
    expect(cluster.settled().map((settled) => settled.handle)).toEqual([fresh]);
  });
});

describe('the ledger indexes', () => {
  it("drop the members of expired records as the owner's writes go on, with no read reaching them", async () => {
    const keyPrefix = `indexes:${randomUUID()}:`;
    const store = newStore({ keyPrefix, ledgerRetentionMs: 400 });
    const owner = 'owner-busy';
    const write = (i: number) =>
      store.ledger.insert(
        ledgerRecord({ recordId: randomUUID(), owner, taskId: `t-${i}`, status: 'RUNNING' }),
      );
    for (let i = 0; i < 20; i++) await write(i);
    expect(await redis.zCard(`${keyPrefix}ledger:owner:${owner}`)).toBe(20);
    await sleep(600); // all 20 expired
    for (let i = 20; i < 25; i++) await write(i);
    // Only the five live records are indexed: each write dropped up to four expired ones.
    expect(await redis.zCard(`${keyPrefix}ledger:owner:${owner}`)).toBe(5);
    expect(await redis.zCard(`${keyPrefix}ledger:unfinished`)).toBe(5);
    expect(await redis.zCard(`${keyPrefix}ledger:expiry`)).toBe(5);
    // And every key of the ledger still expires.
    for (const key of await redis.keys(`${keyPrefix}ledger:*`))
      expect(await redis.pTTL(key)).toBeGreaterThan(0);
  });

  it('another owner writing is enough: the expired records of an owner gone quiet leave the walk', async () => {
    const keyPrefix = `indexes:${randomUUID()}:`;
    const store = newStore({ keyPrefix, ledgerRetentionMs: 400 });
    const record = (owner: string) =>
      ledgerRecord({ recordId: randomUUID(), owner, taskId: 't', status: 'RUNNING' });
    for (let i = 0; i < 8; i++) await store.ledger.insert(record('owner-quiet'));
    await sleep(600);
    for (let i = 0; i < 2; i++) await store.ledger.insert(record('owner-active'));
    expect(await redis.zCard(`${keyPrefix}ledger:unfinished`)).toBe(2);
    expect(await redis.zCard(`${keyPrefix}ledger:expiry`)).toBe(2);
  });
});
