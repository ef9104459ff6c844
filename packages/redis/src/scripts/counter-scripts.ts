// The counter decisions, one script each, so two instances can never both admit what exceeds a limit: the
// prune, the count and the write happen in one step on the Redis server. Every key gets a TTL no longer
// than what it still has to remember, so an owner who goes quiet leaves nothing behind.
import { luaScript } from '../lua-script.js';
import { serverNowMs } from './server-time.js';

/**
 * Rolling window `hit`. KEYS[1] the window log (sorted set, member per event scored by its time in ms).
 * ARGV: windowMs, limit, a member unique to this event.
 * Returns {1, 0} when recorded, {0, retryAfterMs} (until the oldest event leaves the window) when not.
 */
export const rollingWindowHit = luaScript(
  'counters.hit',
  ['window'],
  `${serverNowMs}
local windowMs = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] == nil then return {0, windowMs} end
return {0, math.max(0, tonumber(oldest[2]) + windowMs - now)}
`,
);

/**
 * `acquireSlot`. KEYS[1] the slot set (sorted set, member per slot scored by its expiry in ms).
 * ARGV: member, limit, ttlMs. Drops expired slots; a member already holding a slot is refreshed and
 * allowed; a new one is added when fewer than `limit` slots are live. The key lives as long as its
 * longest slot. Returns {1, 0}, or {0, retryAfterMs} (until the earliest slot expires).
 */
export const acquireSlot = luaScript(
  'counters.acquireSlot',
  ['slots'],
  `${serverNowMs}
local member = ARGV[1]
local limit = tonumber(ARGV[2])
local ttlMs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZSCORE', KEYS[1], member)
if not held and redis.call('ZCARD', KEYS[1]) >= limit then
  local earliest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if earliest[2] == nil then return {0, ttlMs} end
  return {0, math.max(0, tonumber(earliest[2]) - now)}
end
redis.call('ZADD', KEYS[1], now + ttlMs, member)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
return {1, 0}
`,
);

/** `listSlots`. KEYS[1] the slot set. Drops expired slots and returns the live members, oldest first. */
export const listSlots = luaScript(
  'counters.listSlots',
  ['slots'],
  `${serverNowMs}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
`,
);
