// TypeScript users (CommonJS): the same names resolve through the require condition.
import { createRedisStore, type RedisStore } from '@actkit/redis';

export const store: RedisStore = createRedisStore({ url: 'redis://127.0.0.1:6379' });
export const close = (): Promise<void> => store.close();
