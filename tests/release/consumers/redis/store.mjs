// @ts-check
// An ESM user of @actkit/redis: a store on the Redis at REDIS_URL, a limit decision, a ledger record written
// and listed, then closed. Prints one JSON line.
import { createRedisStore, RedisUnavailableError } from '@actkit/redis';

const store = createRedisStore({ url: String(process.env.REDIS_URL) }, { keyPrefix: 'consumer-esm:' });
const hits = [];
for (let i = 0; i < 3; i++) hits.push((await store.counters.hit('creates:alice', 60_000, 2)).allowed);
const now = new Date().toISOString();
await store.ledger.insert({
  recordId: 'r1',
  owner: 'alice',
  createdAt: now,
  updatedAt: now,
  status: 'CREATING',
  progress: 0,
  input: {},
  settlementId: 's1',
});
const listed = (await store.ledger.list('alice', { limit: 10 })).map((record) => record.recordId);
await store.close();
const { status } = new RedisUnavailableError('counters.hit', new Error('offline'));
console.log(JSON.stringify({ format: 'esm', hits, listed, unavailableStatus: status }));
