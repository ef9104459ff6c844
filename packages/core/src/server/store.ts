// Where the handler keeps state that must outlive one request: limit counters, the owner's task ledger,
// the registry of upstream watch loops and recent task states. The default (createMemoryStore) keeps all of
// it in this process; a shared implementation (@actkit/redis, or your own on a database) makes many
// instances act as one. `@actkit/core/testing` exports the conformance suite every store must pass.
//
// Rules every implementation keeps:
// - Every method may be async so a networked store fits; a store that cannot answer THROWS (any error).
//   The handler turns that into a 503 problem with Retry-After, and never sends a paid create it could not
//   record first.
// - Every decision that guards money or a limit (hit, acquireSlot, claimSettlement) is ONE atomic step of
//   the store, so two instances can never both admit what exceeds a limit.
// - Everything expires: windows, slots, claims and ledger records all have a lifetime; no unbounded growth.
import type { Task, TaskStatus } from '../task.js';

/** The answer of a limit check. `retryAfterMs` is 0 when allowed. */
export interface CounterDecision {
  allowed: boolean;
  /** When denied: ms until the check could pass (the oldest hit leaves the window, a slot expires). */
  retryAfterMs: number;
}

/**
 * Limit counters: generic primitives, keyed by the handler (`creates:<owner>`, `active:<owner>`, …; a
 * store may add its own prefix). Each method is atomic on its own.
 */
export interface ActkitCounterStore {
  /**
   * Records one event for `key` in a rolling window of `windowMs` unless `limit` events are already in it.
   * Denied: `retryAfterMs` is how long until the oldest event leaves the window (0 < it ≤ windowMs).
   */
  hit(key: string, windowMs: number, limit: number): Promise<CounterDecision>;
  /**
   * Holds a slot of the set `key` for `member`, atomically: drops expired members; if `member` already
   * holds one, refreshes its expiry (now + `ttlMs`) and allows; else, when fewer than `limit` members are
   * live, adds it (expiring at now + `ttlMs`) and allows; else denies, with `retryAfterMs` = ms until the
   * soonest live member expires.
   */
  acquireSlot(key: string, member: string, limit: number, ttlMs: number): Promise<CounterDecision>;
  /** Frees `member`'s slot in `key` (a no-op when it holds none). */
  releaseSlot(key: string, member: string): Promise<void>;
  /** The live (unexpired) members of `key`, in no particular order. */
  listSlots(key: string): Promise<string[]>;
}

/** What a watcher receives: a task state, or the error that ended the upstream loop. */
export type TaskWatchEvent = { type: 'task'; task: Task } | { type: 'error'; error: unknown };

/** Starts the upstream loop for one task: yields each state until a terminal one, stops when aborted. */
export type TaskPoller = (taskId: string, signal: AbortSignal) => AsyncIterable<Task>;

/**
 * Shares one upstream loop per task among every watcher of it. A new subscriber gets the latest state at
 * once (when there is one), then every new one. The loop starts with the first subscriber and stops when the
 * last one leaves or the task reaches a terminal state.
 */
export interface ActkitWatcherRegistry {
  /** Returns the unsubscribe function. `listener` is never called after it. */
  subscribe(taskId: string, poll: TaskPoller, listener: (event: TaskWatchEvent) => void): () => void;
  /** How many upstream loops run now (for tests and metrics). */
  activeLoops(): number;
  /** Stops every loop. */
  close(): void;
}

/** A task state as read from the provider, and when (epoch ms). */
export interface TaskStateEntry {
  task: Task;
  readAt: number;
}

/**
 * Recent task states by provider task id: what lets GET /tasks/{handle} answer without an upstream read.
 * The handler decides freshness from `readAt` and its `maxStaleMs`; the store only keeps entries. It holds
 * provider ids and states, never owners: the handler checks the handle's owner on every request.
 */
export interface ActkitTaskStateStore {
  /** The entry for `taskId`, or undefined (never stored, evicted or expired). */
  get(taskId: string): Promise<TaskStateEntry | undefined>;
  /**
   * Optional: the entry for `taskId` when this process holds it in its own memory, synchronously (the same
   * entry `get` would resolve, expired ones excepted). With it, a GET of a task read recently answers without
   * one await; a store that lives elsewhere (Redis) leaves it out and every read goes through `get`. Anything
   * else it returns (a promise) is reported to `onError` and ignored: that read goes through `get`.
   */
  peek?(taskId: string): TaskStateEntry | undefined;
  /**
   * Stores the latest state. `ttlMs` undefined: a terminal state, which never changes (keep it while there
   * is room); otherwise the entry is useless after `ttlMs` and may be dropped then.
   */
  set(taskId: string, entry: TaskStateEntry, ttlMs?: number): Promise<void>;
  /** How many entries are kept (for tests and metrics). */
  size?(): number;
}

/**
 * A ledger record's status: `CREATING` (written before the create is sent), `UNKNOWN` (the create's outcome
 * is ambiguous: the task may exist), or the provider's own status once its task id is known.
 */
export type LedgerStatus = 'CREATING' | 'UNKNOWN' | TaskStatus;

/** Statuses after which a ledger record's state never changes (the provider's terminal ones). */
export const terminalLedgerStatuses: readonly LedgerStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** True for SUCCEEDED, FAILED and CANCELLED. */
export const isTerminalLedgerStatus = (status: LedgerStatus): boolean =>
  terminalLedgerStatuses.includes(status);

/** The fields of a LedgerRecord that `ActkitLedger.update` never changes, whatever the patch says. */
export const ledgerFixedFields: ReadonlySet<string> = new Set([
  'recordId',
  'owner',
  'createdAt',
  'input',
  'settlementId',
  'settlement',
  'settledAt',
]);

/**
 * Whether `listUnfinished` must return the record: it has a provider task and needs a settlement, and it is
 * still running or ended without being settled yet.
 */
export const isUnfinishedLedgerRecord = (record: LedgerRecord): boolean =>
  record.taskId !== undefined &&
  record.settlement !== 'none' &&
  (!isTerminalLedgerStatus(record.status) || record.settledAt === undefined);

/** What the ledger keeps of a `data:` URI instead of its payload. */
export interface DataUriSummary {
  /** The URI's media type, such as `image/png`. */
  mediaType: string;
  /** Size of the decoded payload, in bytes (of the payload text when it is not valid base64). */
  bytes: number;
  /** SHA-256 of those bytes, lower-case hex (64 characters). */
  sha256: string;
}

/**
 * The create input as sent upstream (spec defaults filled in), with every `data:` URI string replaced by
 * its `DataUriSummary`: never an asset's payload. Plain JSON; stores keep it as is.
 */
export type LedgerInput = Record<string, unknown>;

/**
 * One create attempt of one owner. Plain JSON (a store may serialise it); times are ISO 8601 strings from
 * `Date.prototype.toISOString()` (fixed width, so they sort as strings).
 */
export interface LedgerRecord {
  /** Random, unique (128 bits, URL-safe); chosen by the handler before the create. */
  recordId: string;
  /** Who started it (what `authorize` returned). */
  owner: string;
  /** The provider task id, once the create answered. Absent while CREATING and when UNKNOWN. */
  taskId?: string;
  /** When the attempt began (before the create was sent). With `recordId`, the list order. */
  createdAt: string;
  /** The last write (the handler sets it in every patch). */
  updatedAt: string;
  status: LedgerStatus;
  /** 0..1. */
  progress: number;
  /** Output URLs once SUCCEEDED (they expire 24-48 h after the task ends). */
  output?: string[];
  /** FAILED: the reason in words, the provider's code, and whether a retry could help. */
  failure?: string;
  failureCode?: string;
  retryable?: boolean;
  /** The seed sent. */
  seed?: number;
  input: LedgerInput;
  /** UNKNOWN: why, in actkit's own words (never provider text). */
  reason?: string;
  /** When `onTaskSettled` completed for it (set by `completeSettlement` only). */
  settledAt?: string;
  /** Random, fixed at insert: every call of `onTaskSettled` for this record carries it. */
  settlementId: string;
  /**
   * `'none'`: the task needs no settlement (the handler that started it had no `onTaskSettled`), so the
   * record is never unfinished and can never be claimed or settled, even by a handler that has
   * `onTaskSettled` later. Absent: settled when it ends. Fixed at insert.
   */
  settlement?: 'none';
}

/**
 * A change to a record. Fields absent (or undefined) stay as they are; `recordId`, `owner`, `createdAt`,
 * `input`, `settlementId`, `settlement` and `settledAt` never change through `update`.
 */
export type LedgerPatch = Partial<
  Omit<
    LedgerRecord,
    'recordId' | 'owner' | 'createdAt' | 'input' | 'settlementId' | 'settlement' | 'settledAt'
  >
> & { updatedAt: string };

/** A place in an owner's list: the records strictly older than it, in list order. */
export interface LedgerPosition {
  createdAt: string;
  recordId: string;
}

export interface LedgerListOptions {
  /** Only records with one of these statuses; all when absent. */
  statuses?: readonly LedgerStatus[];
  /** At most this many records (≥ 1). */
  limit: number;
  /** Only records after this position in list order (keyset pagination). */
  before?: LedgerPosition;
}

/** A page of the walk over unfinished records; `cursor` is absent when the walk is done. */
export interface LedgerPage {
  records: LedgerRecord[];
  /** Opaque to the caller; pass it back to get the next page. */
  cursor?: string;
}

/**
 * The owner's task ledger: one record per create attempt. A record is unfinished while it has a `taskId`
 * and is not terminal, or is terminal and not settled; records without a `taskId` (CREATING, UNKNOWN) and
 * records with `settlement: 'none'` are never unfinished (there is nothing to follow or settle). Records
 * expire the store's retention (default 30 days) after their last write; claims expire with their lease.
 * Expired records leave every index (the owner's list, the unfinished walk) as writes go on, whether or
 * not a read ever reaches them: each write (insert, update, completeSettlement) forgets at least one expired
 * record when there is one, so nothing grows while records come and go.
 */
export interface ActkitLedger {
  /** Stores a new record (replacing one with the same `recordId`). */
  insert(record: LedgerRecord): Promise<void>;
  /** The record, or undefined (never stored, deleted or expired). */
  get(recordId: string): Promise<LedgerRecord | undefined>;
  /**
   * Applies `patch` and returns the record as it now is; undefined (and nothing stored) when there is no
   * such record. A terminal record never goes back: a patch whose status is not terminal leaves its
   * `status`, `progress`, `output`, `failure`, `failureCode` and `retryable` as they are (states read out of
   * order by two instances must not undo an end); the patch's other fields still apply.
   */
  update(recordId: string, patch: LedgerPatch): Promise<LedgerRecord | undefined>;
  /** Removes the record (a create that certainly started no task). A no-op when absent. */
  delete(recordId: string): Promise<void>;
  /**
   * The owner's records, newest first: by `createdAt` descending, then `recordId` descending. Stable under
   * concurrent inserts: a page after `before` never repeats or skips a record that existed when the walk
   * began.
   */
  list(owner: string, options: LedgerListOptions): Promise<LedgerRecord[]>;
  /**
   * Walks the unfinished records of every owner, at most `limit` per page. Every record unfinished for the
   * whole walk is returned at least once; a page may hold fewer than `limit` records before the end.
   */
  listUnfinished(options: { limit: number; cursor?: string }): Promise<LedgerPage>;
  /**
   * Claims the right to settle (call `onTaskSettled` for) a record, atomically: true when the record is
   * terminal, not settled, not `settlement: 'none'`, and nobody else holds a live claim; the claim lives
   * `leaseMs`. The same holder
   * claiming again refreshes its claim. A claim that expires without `completeSettlement` can be taken by
   * another holder: a crash mid-callback leads to another call (at-least-once).
   */
  claimSettlement(recordId: string, holderId: string, leaseMs: number): Promise<boolean>;
  /**
   * Marks the record settled at `settledAt` (ISO) and drops the claim, when it is terminal, not settled yet,
   * not `settlement: 'none'`, and `holderId` holds the live claim or nobody does. Returns whether it did.
   */
  completeSettlement(recordId: string, holderId: string, settledAt: string): Promise<boolean>;
}

export interface ActkitStore {
  counters: ActkitCounterStore;
  ledger: ActkitLedger;
  watchers: ActkitWatcherRegistry;
  /** Recent task states; when absent the handler keeps them in memory (`maxCachedTasks`). */
  tasks?: ActkitTaskStateStore;
  /**
   * Releases what the store itself opened (connections, timers). The handler never calls it: the app owns
   * the store (several handlers may share one).
   */
  close?(): Promise<void>;
}
