// Stores on the test file's redis-server, each under its own key prefix unless told otherwise, closed
// after the file (their clients and pub/sub connections too).
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach } from 'vitest';
import { createRedisStore, type RedisStore, type RedisStoreOptions } from '../../src/index.js';
import type { RedisServer } from './redis-server.js';

export function storeFactory(server: () => RedisServer) {
  const open = new Set<RedisStore>();
  const close = async () => {
    await Promise.all([...open].map((store) => store.close()));
    open.clear();
  };
  afterEach(close);
  afterAll(close);
  return (options: RedisStoreOptions = {}) => {
    const store = createRedisStore(
      { url: server().url },
      { keyPrefix: `test:${randomUUID()}:`, operationTimeoutMs: 1000, ...options },
    );
    open.add(store);
    return store;
  };
}
