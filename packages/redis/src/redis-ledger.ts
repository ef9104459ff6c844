// The owner's task ledger on Redis (layout in scripts/ledger-scripts.ts): records survive restarts and are
// shared by every instance; lists walk an owner's sorted set in keyset order, so pages stay stable while
// other instances insert; settlement claims are one script each, so one instance settles a task.
import {
  type ActkitLedger,
  isUnfinishedLedgerRecord,
  type LedgerPatch,
  type LedgerPosition,
  type LedgerRecord,
  ledgerFixedFields,
} from '@actkit/core/server';
import type { RedisConnection } from './redis-connection.js';
import {
  claimSettlement,
  completeSettlement,
  ledgerDelete,
  ledgerInsert,
  ledgerRead,
  ledgerUpdate,
} from './scripts/ledger-scripts.js';

/** A record's place in list order, as the sorted-set member (createdAt is fixed-width ISO 8601). */
const memberOf = (position: LedgerPosition) => `${position.createdAt}|${position.recordId}`;
const recordIdOf = (member: string) => member.slice(member.indexOf('|') + 1);

/** Field/value pairs for HSET: every defined field, its value as JSON. */
const toPairs = (fields: object) =>
  Object.entries(fields).flatMap(([name, value]) =>
    value === undefined ? [] : [name, JSON.stringify(value)],
  );

/** A record from HGETALL's field/value list; undefined for an empty list (no such record). */
function fromPairs(pairs: unknown): LedgerRecord | undefined {
  if (!Array.isArray(pairs) || pairs.length === 0) return undefined;
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[String(pairs[i])] = JSON.parse(String(pairs[i + 1]));
  return record as unknown as LedgerRecord;
}

export interface RedisLedgerOptions {
  connection: RedisConnection;
  /** The store's key prefix (the ledger's keys start with `<prefix>ledger:`). */
  prefix: string;
  /** How long a record is kept after its last write, in ms. */
  retentionMs: number;
}

export function createRedisLedger({ connection, prefix, retentionMs }: RedisLedgerOptions): ActkitLedger {
  const retention = Math.ceil(retentionMs);
  const recordKey = (recordId: string) => `${prefix}ledger:record:${recordId}`;
  const ownerKey = (owner: string) => `${prefix}ledger:owner:${owner}`;
  const claimKey = (recordId: string) => `${prefix}ledger:claim:${recordId}`;
  const unfinishedKey = `${prefix}ledger:unfinished`;

  /** The records behind sorted-set members, in order; members whose record expired are dropped from `set`. */
  const readMembers = async (set: string, members: string[]) => {
    if (members.length === 0) return [];
    const found = await connection.script<unknown[]>(
      ledgerRead,
      members.map((member) => recordKey(recordIdOf(member))),
      [],
    );
    const records = found.map(fromPairs);
    const gone = members.filter((_, i) => records[i] === undefined);
    if (gone.length > 0) await connection.command('ledger.prune', ['ZREM', set, ...gone]);
    return records.filter((record): record is LedgerRecord => record !== undefined);
  };

  return {
    async insert(record) {
      await connection.script(
        ledgerInsert,
        [recordKey(record.recordId), ownerKey(record.owner), unfinishedKey, claimKey(record.recordId)],
        [prefix, retention, ...toPairs(record)],
      );
    },
    async get(recordId) {
      const [pairs] = await connection.script<unknown[]>(ledgerRead, [recordKey(recordId)], []);
      return fromPairs(pairs);
    },
    async update(recordId, patch: LedgerPatch) {
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([name]) => !ledgerFixedFields.has(name)),
      );
      const pairs = await connection.script<unknown[] | null>(
        ledgerUpdate,
        [recordKey(recordId), unfinishedKey],
        [prefix, retention, ...toPairs(changes)],
      );
      return pairs === null ? undefined : fromPairs(pairs);
    },
    async delete(recordId) {
      await connection.script(
        ledgerDelete,
        [recordKey(recordId), unfinishedKey, claimKey(recordId)],
        [prefix],
      );
    },
    async list(owner, { statuses, limit, before }) {
      const set = ownerKey(owner);
      const found: LedgerRecord[] = [];
      // Newest first, strictly before `before`: records inserted meanwhile sort after it, so a walk
      // neither repeats nor skips. A status filter may need several batches.
      let start = before ? `(${memberOf(before)}` : '+';
      const batch = statuses ? Math.max(limit * 4, 50) : limit;
      while (found.length < limit) {
        const members = await connection.command<string[]>('ledger.list', [
          'ZRANGE',
          set,
          start,
          '-',
          'BYLEX',
          'REV',
          'LIMIT',
          '0',
          String(batch),
        ]);
        for (const record of await readMembers(set, members)) {
          if (found.length < limit && (!statuses || statuses.includes(record.status))) found.push(record);
        }
        if (members.length < batch) break;
        start = `(${members.at(-1)}`;
      }
      return found;
    },
    async listUnfinished({ limit, cursor }) {
      const members = await connection.command<string[]>('ledger.listUnfinished', [
        'ZRANGE',
        unfinishedKey,
        cursor === undefined ? '-' : `(${cursor}`,
        '+',
        'BYLEX',
        'LIMIT',
        '0',
        String(limit),
      ]);
      const records = (await readMembers(unfinishedKey, members)).filter(isUnfinishedLedgerRecord);
      return members.length < limit ? { records } : { records, cursor: members.at(-1)! };
    },
    async claimSettlement(recordId, holderId, leaseMs) {
      const claimed = await connection.script<number>(
        claimSettlement,
        [recordKey(recordId), claimKey(recordId)],
        [holderId, Math.max(1, Math.ceil(leaseMs))],
      );
      return claimed === 1;
    },
    async completeSettlement(recordId, holderId, settledAt) {
      const done = await connection.script<number>(
        completeSettlement,
        [recordKey(recordId), claimKey(recordId), unfinishedKey],
        [prefix, retention, holderId, JSON.stringify(settledAt)],
      );
      return done === 1;
    },
  };
}
