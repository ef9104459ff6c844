// @ts-check
// A CommonJS user of @actkit/redis (require, no top-level await), handing the store its own node-redis
// client: the same job as store.mjs.
const { createRedisStore, RedisUnavailableError } = require('@actkit/redis');
const { createClient } = require('redis');

async function main() {
  const client = createClient({ url: String(process.env.REDIS_URL), disableOfflineQueue: true });
  const store = createRedisStore({ client }, { keyPrefix: 'consumer-cjs:' });
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
  await client.close(); // the store never closes a client it was given
  const { status } = new RedisUnavailableError('counters.hit', new Error('offline'));
  console.log(JSON.stringify({ format: 'cjs', hits, listed, unavailableStatus: status }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
