// The ledger's writes, one script each, so a record, its place in the owner's list and its place in the
// unfinished walk always change together, and a settlement claim is decided in one step.
//
// Layout (P = the key prefix):
//   P ledger:record:<recordId>   hash, one field per record field, each value JSON; expires `retentionMs`
//                                after the record's last write
//   P ledger:owner:<owner>       sorted set, score 0, member `<createdAt>|<recordId>`: lexicographic order
//                                is list order (createdAt is fixed-width ISO 8601)
//   P ledger:unfinished          sorted set, same members: records with a task id that are not terminal, or
//                                terminal and not settled (what the background follower walks)
//   P ledger:claim:<recordId>    string, the settling holder's id, with the claim's lease as TTL
//   P ledger:expiry              sorted set, member JSON `[owner, "<createdAt>|<recordId>"]` scored by when
//                                the record expires (ms, Redis time): which index members to drop when
// The sets expire `retentionMs` after the last write to them. A record's hash expires on its own, but its
// members in the owner's list and the unfinished walk do not: every write script drops those of up to
// `prunePerWrite` expired records (the soonest expired first, from `ledger:expiry`), so the indexes hold the
// live records plus at most the few that expired since the last writes, whether or not a read reaches them
// (reads also drop the dangling members they meet). Keys are derived inside the scripts from the prefix
// (ARGV), so the store runs on one Redis (or a primary with replicas), not on Redis Cluster.
import { luaScript } from '../lua-script.js';
import { serverNowMs } from './server-time.js';

/**
 * Expired records whose index members one write drops, at most. More than the one record a write can add,
 * so the indexes shrink back to the live records while writes go on.
 */
export const prunePerWrite = 4;

/** Lua helpers shared by the scripts: terminal statuses, the member of a record, the unfinished rule. */
const common = `
local terminal = { SUCCEEDED = true, FAILED = true, CANCELLED = true }
local function field(key, name)
  local value = redis.call('HGET', key, name)
  if not value then return nil end
  return cjson.decode(value)
end
local function member(key)
  return field(key, 'createdAt') .. '|' .. field(key, 'recordId')
end
local function needsNoSettlement(key)
  return field(key, 'settlement') == 'none'
end
local function unfinished(key)
  if redis.call('HEXISTS', key, 'taskId') == 0 or needsNoSettlement(key) then return false end
  return not terminal[field(key, 'status')] or redis.call('HEXISTS', key, 'settledAt') == 0
end
local function expiryEntry(key)
  return cjson.encode({ field(key, 'owner'), member(key) })
end
-- Records the record's expiry (now + retentionMs, as its PEXPIRE) in the expiry index.
local function track(key, prefix, retentionMs)
  local index = prefix .. 'ledger:expiry'
  redis.call('ZADD', index, now + tonumber(retentionMs), expiryEntry(key))
  redis.call('PEXPIRE', index, retentionMs)
end
-- Drops the index members of up to ${prunePerWrite} records that have expired, soonest expired first.
local function prune(prefix, unfinishedKey)
  local index = prefix .. 'ledger:expiry'
  local due = redis.call('ZRANGEBYSCORE', index, '-inf', now, 'LIMIT', 0, ${prunePerWrite})
  for _, entry in ipairs(due) do
    local decoded = cjson.decode(entry)
    local owner, m = decoded[1], decoded[2]
    local recordKey = prefix .. 'ledger:record:' .. string.sub(m, string.find(m, '|', 1, true) + 1)
    local ttl = redis.call('PTTL', recordKey)
    if ttl > 0 then
      -- Still there (its expiry was a moment later than scored): check it again when it is due.
      redis.call('ZADD', index, now + ttl, entry)
    else
      redis.call('ZREM', index, entry)
      if ttl == -2 then
        redis.call('ZREM', prefix .. 'ledger:owner:' .. owner, m)
        redis.call('ZREM', unfinishedKey, m)
      end
    end
  end
end
local function reindex(key, unfinishedKey, prefix, retentionMs)
  local m = member(key)
  redis.call('PEXPIRE', prefix .. 'ledger:owner:' .. field(key, 'owner'), retentionMs)
  if unfinished(key) then
    redis.call('ZADD', unfinishedKey, 0, m)
    redis.call('PEXPIRE', unfinishedKey, retentionMs)
  else
    redis.call('ZREM', unfinishedKey, m)
  end
end
local function forget(key, unfinishedKey, prefix)
  if redis.call('EXISTS', key) == 0 then return end
  local m = member(key)
  redis.call('ZREM', prefix .. 'ledger:owner:' .. field(key, 'owner'), m)
  redis.call('ZREM', unfinishedKey, m)
  redis.call('ZREM', prefix .. 'ledger:expiry', expiryEntry(key))
  redis.call('DEL', key)
end
`;

/** `common` for the scripts that write (they need the time, for the expiry index). */
const writing = `${serverNowMs}${common}`;

/**
 * `insert`. KEYS: record, owner list, unfinished set, claim. ARGV: prefix, retentionMs, then field/value
 * pairs (values JSON). Replaces a record with the same id (and its list places and claim).
 */
export const ledgerInsert = luaScript(
  'ledger.insert',
  ['record', 'ownerList', 'unfinished', 'claim'],
  `${writing}
local prefix, retentionMs = ARGV[1], ARGV[2]
forget(KEYS[1], KEYS[3], prefix)
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[1], retentionMs)
redis.call('ZADD', KEYS[2], 0, member(KEYS[1]))
reindex(KEYS[1], KEYS[3], prefix, retentionMs)
track(KEYS[1], prefix, retentionMs)
prune(prefix, KEYS[3])
return 1
`,
);

/**
 * `update`. KEYS: record, unfinished set. ARGV: prefix, retentionMs, then field/value pairs (values JSON;
 * the fixed fields already left out by the caller). A terminal record keeps its state fields unless the
 * patch is terminal too. Returns the record's field/value list after the write, or nil when absent.
 */
export const ledgerUpdate = luaScript(
  'ledger.update',
  ['record', 'unfinished'],
  `${writing}
local prefix, retentionMs = ARGV[1], ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local state = { status = true, progress = true, output = true, failure = true, failureCode = true, retryable = true }
local patchStatus = nil
for i = 3, #ARGV, 2 do
  if ARGV[i] == 'status' then patchStatus = cjson.decode(ARGV[i + 1]) end
end
local frozen = terminal[field(KEYS[1], 'status')] and not (patchStatus and terminal[patchStatus])
local writes = {}
for i = 3, #ARGV, 2 do
  if not (frozen and state[ARGV[i]]) then
    writes[#writes + 1] = ARGV[i]
    writes[#writes + 1] = ARGV[i + 1]
  end
end
if #writes > 0 then redis.call('HSET', KEYS[1], unpack(writes)) end
redis.call('PEXPIRE', KEYS[1], retentionMs)
reindex(KEYS[1], KEYS[2], prefix, retentionMs)
track(KEYS[1], prefix, retentionMs)
prune(prefix, KEYS[2])
return redis.call('HGETALL', KEYS[1])
`,
);

/** `delete`. KEYS: record, unfinished set, claim. ARGV: prefix. */
export const ledgerDelete = luaScript(
  'ledger.delete',
  ['record', 'unfinished', 'claim'],
  `${common}
forget(KEYS[1], KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3])
return 1
`,
);

/** Reads records. KEYS: any number of record keys. Returns one field/value list per key (empty: absent). */
export const ledgerRead = luaScript(
  'ledger.read',
  'any',
  `
local found = {}
for i = 1, #KEYS do found[i] = redis.call('HGETALL', KEYS[i]) end
return found
`,
);

/**
 * `claimSettlement`. KEYS: record, claim. ARGV: holderId, leaseMs. 1 when the record is terminal, not
 * settled, needs a settlement and the claim is free or already the holder's (then refreshed); else 0.
 */
export const claimSettlement = luaScript(
  'ledger.claimSettlement',
  ['record', 'claim'],
  `${common}
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'settledAt') == 1 then return 0 end
if not terminal[field(KEYS[1], 'status')] or needsNoSettlement(KEYS[1]) then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1
`,
);

/**
 * `completeSettlement`. KEYS: record, claim, unfinished set. ARGV: prefix, retentionMs, holderId, settledAt
 * (JSON). 1 when the record was terminal, not settled, needed a settlement, and the claim was the holder's
 * or free: settledAt is written, the claim dropped, the record leaves the unfinished set. Else 0.
 */
export const completeSettlement = luaScript(
  'ledger.completeSettlement',
  ['record', 'claim', 'unfinished'],
  `${writing}
local prefix, retentionMs = ARGV[1], ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'settledAt') == 1 then return 0 end
if not terminal[field(KEYS[1], 'status')] or needsNoSettlement(KEYS[1]) then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'settledAt', ARGV[4])
redis.call('PEXPIRE', KEYS[1], retentionMs)
redis.call('DEL', KEYS[2])
reindex(KEYS[1], KEYS[3], prefix, retentionMs)
track(KEYS[1], prefix, retentionMs)
prune(prefix, KEYS[3])
return 1
`,
);
