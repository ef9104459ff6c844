// TypeScript users (ESM): the store fits the handler's options, a node-redis client fits `{ client }`.
import { createActkitClient } from '@actkit/core';
import { type ActkitHandlerOptions, createActkitHandler } from '@actkit/core/server';
import {
  createRedisStore,
  type RedisStore,
  type RedisStoreOptions,
  RedisUnavailableError,
} from '@actkit/redis';
import { createClient } from 'redis';

const options: RedisStoreOptions = { keyPrefix: 'app:', leaseMs: 5000, operationTimeoutMs: 1000 };
const store: RedisStore = createRedisStore({ client: createClient({ disableOfflineQueue: true }) }, options);
const handlerOptions: ActkitHandlerOptions = {
  client: createActkitClient({ apiKey: 'k' }),
  authorize: () => 'owner',
  secret: 'x'.repeat(32),
  store,
};
export const handler = createActkitHandler(handlerOptions);
export const isUnavailable = (error: unknown): boolean => error instanceof RedisUnavailableError;
