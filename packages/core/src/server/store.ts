// Where the handler keeps state that must outlive one request: the per-owner limit counters, the registry
// of upstream watch loops and the recent task states behind GET /tasks/{handle}. The default keeps all three
// in this process; a shared implementation (Redis, a database) can replace `counters` so limits hold across
// instances, `watchers` so one instance polls a task and publishes to the others, and `tasks` so instances
// share what they read.
import type { Task } from '../task.js';

/** Limit counters. Every method may be async so a networked store fits. */
export interface ActkitCounterStore {
  /**
   * Records one event for `key` in a rolling window of `windowMs` unless `limit` events are already in it.
   * Returns whether it was recorded and, when not, how long until the oldest event leaves the window.
   */
  hit(key: string, windowMs: number, limit: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Marks a task active for an owner; it expires after `ttlMs` even if nobody sees it finish. */
  addActive(owner: string, taskId: string, ttlMs: number): Promise<void>;
  removeActive(owner: string, taskId: string): Promise<void>;
  /** The owner's active task ids (expired ones excluded). */
  listActive(owner: string): Promise<string[]>;
  /**
   * Takes one of at most `limit` slots under `key` for `holder` (one open event stream of an owner), as ONE
   * atomic decision: allowed when `holder` already holds a slot (its expiry is then renewed) or fewer than
   * `limit` unexpired holders do. A slot expires `ttlMs` after it was last taken or renewed, so slots of a
   * crashed instance come back on their own; the handler renews its slots while their streams stay open.
   * (Redis: one script over a sorted set of holders scored by expiry, e.g. ZREMRANGEBYSCORE, ZSCORE, ZCARD,
   * ZADD, PEXPIRE.)
   */
  acquireSlot(key: string, holder: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Gives `holder`'s slot under `key` back; nothing happens when it holds none (expired or released). */
  releaseSlot(key: string, holder: string): Promise<void>;
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
   * Stores the latest state. `ttlMs` undefined: a terminal state, which never changes (keep it while there
   * is room); otherwise the entry is useless after `ttlMs` and may be dropped then.
   */
  set(taskId: string, entry: TaskStateEntry, ttlMs?: number): Promise<void>;
  /** How many entries are kept (for tests and metrics). */
  size?(): number;
}

export interface ActkitStore {
  counters: ActkitCounterStore;
  watchers: ActkitWatcherRegistry;
  /** Recent task states; when absent the handler keeps them in memory (`maxCachedTasks`). */
  tasks?: ActkitTaskStateStore;
}
