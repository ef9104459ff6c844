// The lease on a task's upstream loop: whoever holds `lease:<taskId>` polls the provider and publishes;
// everyone else listens. A holder that dies stops renewing, the key expires, and the next claim wins.
import { luaScript } from '../lua-script.js';

/**
 * Acquire or renew. KEYS[1] the lease. ARGV: token, leaseMs.
 * Ours already: PEXPIRE (renewal, compare-and-PEXPIRE). Free: SET token PX leaseMs (acquire, also after
 * Redis lost it in a restart). Another holder's: nothing.
 * Returns {1, leaseMs} when held by `token`, {0, remaining ms of the other holder's lease} when not.
 */
export const claimLease = luaScript(
  'watchers.claimLease',
  ['lease'],
  `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, tonumber(ARGV[2])}
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {1, tonumber(ARGV[2])}
end
return {0, math.max(0, redis.call('PTTL', KEYS[1]))}
`,
);

/** Release (compare-and-delete). KEYS[1] the lease. ARGV: token. Returns 1 when it was ours and is gone. */
export const releaseLease = luaScript(
  'watchers.releaseLease',
  ['lease'],
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`,
);

/**
 * Publish one event of a task's loop, fenced by the lease: only the current holder may publish, so a
 * holder that stalled past its lease cannot overwrite what the new holder says.
 * KEYS[1] the lease, KEYS[2] the latest-event key. ARGV: token, channel, message, latestTtlMs (0: do not
 * keep the message as the latest, e.g. an error).
 * Returns 1 when published, 0 when `token` no longer holds the lease.
 */
export const publishEvent = luaScript(
  'watchers.publish',
  ['lease', 'latest'],
  `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local ttl = tonumber(ARGV[4])
if ttl > 0 then redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`,
);
