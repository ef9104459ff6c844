import { createMemoryCounterStore } from './memory-counter-store.js';
import { createMemoryTaskStateStore, type MemoryTaskStateStoreOptions } from './memory-task-state-store.js';
import { createMemoryWatcherRegistry } from './memory-watcher-registry.js';
import type { ActkitStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most task states kept for GET /tasks/{handle} (LRU); default 10_000. */
  maxTaskStates?: MemoryTaskStateStoreOptions['maxEntries'];
}

/** The default store: limits, watcher loops and recent task states live in this process. */
export function createMemoryStore(options: MemoryStoreOptions = {}): Required<ActkitStore> {
  return {
    counters: createMemoryCounterStore(),
    watchers: createMemoryWatcherRegistry(),
    tasks: createMemoryTaskStateStore({ maxEntries: options.maxTaskStates }),
  };
}
