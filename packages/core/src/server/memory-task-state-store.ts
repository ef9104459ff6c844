// The default task-state store: recent states in this process, in a bounded LRU. Terminal states are kept
// until evicted (they never change); others are dropped once their ttl has passed, so a GET never sees a
// state older than the handler's `maxStaleMs` from here.
import { createLru } from './lru.js';
import type { ActkitTaskStateStore, TaskStateEntry } from './store.js';

/** Default bound of the in-memory caches (task states, opened handles): ~1-2 KB per entry. */
export const defaultMaxCachedTasks = 10_000;

export interface MemoryTaskStateStoreOptions {
  /** Most states kept; the least recently used goes first. Default 10_000. */
  maxEntries?: number;
  now?: () => number;
}

export function createMemoryTaskStateStore(options: MemoryTaskStateStoreOptions = {}): ActkitTaskStateStore {
  const now = options.now ?? Date.now;
  const states = createLru<string, { entry: TaskStateEntry; expiresAt: number }>(
    options.maxEntries ?? defaultMaxCachedTasks,
  );
  const peek = (taskId: string) => {
    const kept = states.get(taskId);
    if (kept === undefined) return undefined;
    if (kept.expiresAt <= now()) {
      states.delete(taskId);
      return undefined;
    }
    return kept.entry;
  };
  return {
    async get(taskId) {
      return peek(taskId);
    },
    peek,
    async set(taskId, entry, ttlMs) {
      states.set(taskId, {
        entry,
        expiresAt: ttlMs === undefined ? Number.POSITIVE_INFINITY : now() + ttlMs,
      });
    },
    size: () => states.size,
  };
}
