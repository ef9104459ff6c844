// The default task ledger: records in this process, gone when it exits (use a shared store such as
// @actkit/redis to keep them across restarts). Bounded twice: a record expires `retentionMs` after its last
// write, and beyond `maxRecords` the least recently written record goes first. Each method runs to its end
// before another starts, so settlement claims are atomic here for free. Records are copied in and out, so a
// caller changing an object it got never changes the ledger.
import {
  type ActkitLedger,
  isTerminalLedgerStatus,
  isUnfinishedLedgerRecord,
  type LedgerPatch,
  type LedgerPosition,
  type LedgerRecord,
  ledgerFixedFields,
} from './store.js';

/** How long a record is kept after its last write by default: 30 days. */
export const defaultLedgerRetentionMs = 30 * 24 * 60 * 60 * 1000;
/** Most records the memory ledger keeps by default (~1-2 KB each). */
export const defaultMaxLedgerRecords = 10_000;

export interface MemoryLedgerOptions {
  /** Ms a record is kept after its last write; default 30 days. */
  retentionMs?: number;
  /** Most records kept; beyond it the least recently written goes first. Default 10_000. */
  maxRecords?: number;
  /** The clock (epoch ms); tests pass a fake one. */
  now?: () => number;
}

/** Fields that describe the task's state: frozen once the record is terminal. */
const stateFields = ['status', 'progress', 'output', 'failure', 'failureCode', 'retryable'] as const;

/** List order: (createdAt, recordId) ascending; the list walks it backwards (newest first). */
const compare = (a: LedgerPosition, b: LedgerPosition) =>
  a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.recordId < b.recordId
        ? -1
        : a.recordId > b.recordId
          ? 1
          : 0;

/** Index of the first position ≥ `target` in the ascending `positions`. */
function lowerBound(positions: LedgerPosition[], target: LedgerPosition): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compare(positions[middle]!, target) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether the record still waits for a settlement: it is not settled and needs one. */
const awaitsSettlement = (record: LedgerRecord) =>
  record.settledAt === undefined && record.settlement !== 'none';

/** A record `onTaskSettled` may be called for now. */
const settleable = (record: LedgerRecord | undefined): record is LedgerRecord =>
  record !== undefined && isTerminalLedgerStatus(record.status) && awaitsSettlement(record);

export function createMemoryLedger(options: MemoryLedgerOptions = {}): ActkitLedger {
  const retentionMs = options.retentionMs ?? defaultLedgerRetentionMs;
  const maxRecords = options.maxRecords ?? defaultMaxLedgerRecords;
  if (!(retentionMs > 0)) throw new RangeError(`retentionMs must be a number > 0, got ${retentionMs}`);
  if (!Number.isInteger(maxRecords) || maxRecords < 1) {
    throw new RangeError(`maxRecords must be a whole number ≥ 1, got ${maxRecords}`);
  }
  const now = options.now ?? Date.now;
  // In write order: the first entry is the least recently written, so the first to expire.
  const records = new Map<string, { record: LedgerRecord; expiresAt: number }>();
  const byOwner = new Map<string, LedgerPosition[]>(); // ascending list order
  const unfinished = new Set<string>();
  const claims = new Map<string, { holderId: string; expiresAt: number }>();

  const remove = (recordId: string) => {
    const kept = records.get(recordId);
    if (!kept) return;
    records.delete(recordId);
    unfinished.delete(recordId);
    claims.delete(recordId);
    const positions = byOwner.get(kept.record.owner);
    if (!positions) return;
    const index = lowerBound(positions, kept.record);
    if (positions[index]?.recordId === recordId) positions.splice(index, 1);
    if (positions.length === 0) byOwner.delete(kept.record.owner);
  };

  const prune = () => {
    const at = now();
    for (const [recordId, kept] of records) {
      if (kept.expiresAt > at && records.size <= maxRecords) break;
      remove(recordId);
    }
  };

  const write = (record: LedgerRecord) => {
    records.delete(record.recordId);
    records.set(record.recordId, { record, expiresAt: now() + retentionMs });
    if (isUnfinishedLedgerRecord(record)) unfinished.add(record.recordId);
    else unfinished.delete(record.recordId);
    prune();
  };

  const live = (recordId: string) => {
    prune();
    return records.get(recordId)?.record;
  };

  return {
    async insert(record) {
      remove(record.recordId);
      const copy = structuredClone(record);
      const positions = byOwner.get(copy.owner) ?? [];
      positions.splice(lowerBound(positions, copy), 0, {
        createdAt: copy.createdAt,
        recordId: copy.recordId,
      });
      byOwner.set(copy.owner, positions);
      write(copy);
    },
    async get(recordId) {
      const record = live(recordId);
      return record && structuredClone(record);
    },
    async update(recordId, patch: LedgerPatch) {
      const current = live(recordId);
      if (!current) return undefined;
      const next: Record<string, unknown> = { ...current };
      const frozen =
        isTerminalLedgerStatus(current.status) &&
        !(patch.status !== undefined && isTerminalLedgerStatus(patch.status));
      for (const [field, value] of Object.entries(structuredClone(patch))) {
        if (value === undefined || ledgerFixedFields.has(field)) continue;
        if (frozen && (stateFields as readonly string[]).includes(field)) continue;
        next[field] = value;
      }
      const record = next as unknown as LedgerRecord;
      write(record);
      return structuredClone(record);
    },
    async delete(recordId) {
      remove(recordId);
    },
    async list(owner, { statuses, limit, before }) {
      prune();
      const positions = byOwner.get(owner) ?? [];
      const found: LedgerRecord[] = [];
      for (let i = (before ? lowerBound(positions, before) : positions.length) - 1; i >= 0; i--) {
        if (found.length >= limit) break;
        const record = records.get(positions[i]!.recordId)?.record;
        if (record && (!statuses || statuses.includes(record.status))) found.push(structuredClone(record));
      }
      return found;
    },
    async listUnfinished({ limit, cursor }) {
      prune();
      const ids = [...unfinished].filter((id) => cursor === undefined || id > cursor).sort();
      const page = ids.slice(0, limit);
      return {
        records: page.map((id) => structuredClone(records.get(id)!.record)),
        ...(ids.length > page.length ? { cursor: page.at(-1) } : {}),
      };
    },
    async claimSettlement(recordId, holderId, leaseMs) {
      const record = live(recordId);
      if (!settleable(record)) return false;
      const claim = claims.get(recordId);
      if (claim && claim.expiresAt > now() && claim.holderId !== holderId) return false;
      claims.set(recordId, { holderId, expiresAt: now() + leaseMs });
      return true;
    },
    async completeSettlement(recordId, holderId, settledAt) {
      const record = live(recordId);
      if (!settleable(record)) return false;
      const claim = claims.get(recordId);
      if (claim && claim.expiresAt > now() && claim.holderId !== holderId) return false;
      claims.delete(recordId);
      write({ ...record, settledAt });
      return true;
    },
  };
}
