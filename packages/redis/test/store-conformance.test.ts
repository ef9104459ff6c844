// The exported store conformance suite (@actkit/core/testing) against the Redis store on a real
// redis-server: the same tests the memory store passes, each test under its own key prefix.
import { randomUUID } from 'node:crypto';
import { describeStoreConformance } from '@actkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index.js';
import { type RedisServer, startRedisServer } from './helpers/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.close());

describeStoreConformance(
  'redis store',
  ({ ledgerRetentionMs }) =>
    createRedisStore({ url: redis.url }, { keyPrefix: `conformance:${randomUUID()}:`, ledgerRetentionMs }),
  { describe, it, expect },
);
