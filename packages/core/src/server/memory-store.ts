import { createMemoryCounterStore } from './memory-counter-store.js';
import { createMemoryWatcherRegistry } from './memory-watcher-registry.js';
import type { ActkitStore } from './store.js';

/** The default store: limits and watcher loops live in this process. */
export function createMemoryStore(): ActkitStore {
  return { counters: createMemoryCounterStore(), watchers: createMemoryWatcherRegistry() };
}
