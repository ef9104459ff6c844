// The redis-server the Redis metrics use: @actkit/redis's own test launcher (Debian's redis-server on a free
// port on 127.0.0.1, no persistence, killed with this process whatever happens).
export { type RedisServer, startRedisServer } from '../../packages/redis/test/helpers/redis-server.ts';
