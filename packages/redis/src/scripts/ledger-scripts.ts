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
// The two sets expire `retentionMs` after the last write to them; members whose record expired are dropped
// when a read meets them. Keys are derived inside the scripts from the prefix (ARGV), so the store runs on
// one Redis (or a primary with replicas), not on Redis Cluster.
import { luaScript } from '../lua-script.js';

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
local function unfinished(key)
  if redis.call('HEXISTS', key, 'taskId') == 0 then return false end
  return not terminal[field(key, 'status')] or redis.call('HEXISTS', key, 'settledAt') == 0
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
  redis.call('DEL', key)
end
`;

/**
 * `insert`. KEYS: record, owner list, unfinished set, claim. ARGV: prefix, retentionMs, then field/value
 * pairs (values JSON). Replaces a record with the same id (and its list places and claim).
 */
export const ledgerInsert = luaScript(
  'ledger.insert',
  ['record', 'ownerList', 'unfinished', 'claim'],
  `${common}
local prefix, retentionMs = ARGV[1], ARGV[2]
forget(KEYS[1], KEYS[3], prefix)
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[1], retentionMs)
redis.call('ZADD', KEYS[2], 0, member(KEYS[1]))
reindex(KEYS[1], KEYS[3], prefix, retentionMs)
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
  `${common}
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
 * settled and the claim is free or already the holder's (then refreshed); else 0.
 */
export const claimSettlement = luaScript(
  'ledger.claimSettlement',
  ['record', 'claim'],
  `${common}
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'settledAt') == 1 then return 0 end
if not terminal[field(KEYS[1], 'status')] then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 1
`,
);

/**
 * `completeSettlement`. KEYS: record, claim, unfinished set. ARGV: prefix, retentionMs, holderId, settledAt
 * (JSON). 1 when the record was terminal, not settled, and the claim was the holder's or free: settledAt is
 * written, the claim dropped, the record leaves the unfinished set. Else 0.
 */
export const completeSettlement = luaScript(
  'ledger.completeSettlement',
  ['record', 'claim', 'unfinished'],
  `${common}
local prefix, retentionMs = ARGV[1], ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'settledAt') == 1 then return 0 end
if not terminal[field(KEYS[1], 'status')] then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], 'settledAt', ARGV[4])
redis.call('PEXPIRE', KEYS[1], retentionMs)
redis.call('DEL', KEYS[2])
reindex(KEYS[1], KEYS[3], prefix, retentionMs)
return 1
`,
);
