// @actkit/redis: the actkit server handler's store on Redis, so many instances act as one.
export {
  createRedisStore,
  type RedisStore,
  type RedisStoreConnection,
  type RedisStoreOptions,
} from './create-redis-store.js';
export type { RedisClientLike } from './redis-client.js';
export { RedisUnavailableError } from './redis-unavailable-error.js';
