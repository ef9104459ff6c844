import { createMemoryCounterStore } from './memory-counter-store.js';
import { createMemoryLedger, type MemoryLedgerOptions } from './memory-ledger.js';
import { createMemoryTaskStateStore, type MemoryTaskStateStoreOptions } from './memory-task-state-store.js';
import { createMemoryWatcherRegistry } from './memory-watcher-registry.js';
import type { ActkitStore } from './store.js';

export interface MemoryStoreOptions {
  /** Most task states kept for GET /tasks/{handle} (LRU); default 10_000. */
  maxTaskStates?: MemoryTaskStateStoreOptions['maxEntries'];
  /** Ms a ledger record is kept after its last write; default 30 days (2_592_000_000). */
  ledgerRetentionMs?: MemoryLedgerOptions['retentionMs'];
  /** Most ledger records kept (least recently written go first); default 10_000. */
  maxLedgerRecords?: MemoryLedgerOptions['maxRecords'];
}

/**
 * The default store: limits, the task ledger, watcher loops and recent task states live in this process,
 * so they end with it and hold for this instance only. Use a shared store (@actkit/redis) when tasks must
 * survive restarts or several instances serve the same users.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Required<ActkitStore> {
  const watchers = createMemoryWatcherRegistry();
  return {
    counters: createMemoryCounterStore(),
    ledger: createMemoryLedger({
      retentionMs: options.ledgerRetentionMs,
      maxRecords: options.maxLedgerRecords,
    }),
    watchers,
    tasks: createMemoryTaskStateStore({ maxEntries: options.maxTaskStates }),
    async close() {
      watchers.close();
    },
  };
}
