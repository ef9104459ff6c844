// The store conformance suite: what any ActkitStore must do for the handler's guarantees to hold (atomic
// limits, a ledger that lists in a stable order and settles once, shared watch loops, expiry everywhere).
// Run it in your own tests against your store; @actkit/core runs it against the memory store and
// @actkit/redis against Redis.
import {
  type CreateConformanceStore,
  createConformanceContext,
  type StoreConformanceOptions,
} from './conformance-context.js';
import { describeCounterConformance } from './counter-conformance.js';
import { describeLedgerConformance } from './ledger-conformance.js';
import { describeTaskStateConformance } from './task-state-conformance.js';
import type { ConformanceTestApi } from './test-api.js';
import { describeWatcherConformance } from './watcher-conformance.js';

/**
 * Registers the conformance tests for a store under `describe(name)`, with the test framework's own
 * functions (so @actkit/core needs none at run time):
 *
 * ```ts
 * import { describe, expect, it } from 'vitest';
 * import { describeStoreConformance } from '@actkit/core/testing';
 * describeStoreConformance('my store', ({ ledgerRetentionMs }) => createMyStore({ ledgerRetentionMs }), { describe, it, expect });
 * ```
 *
 * `createStore` builds a FRESH store per test with the given ledger retention (ms); the suite calls
 * `store.close()` after each test. Names are unique per run, so stores sharing one database are fine.
 * Lifetimes are a few hundred ms; `options.timeScale` stretches them for slow stores. About 35 tests,
 * a few seconds in all.
 */
export function describeStoreConformance(
  name: string,
  createStore: CreateConformanceStore,
  api: ConformanceTestApi,
  options: StoreConformanceOptions = {},
): void {
  const context = createConformanceContext(api, createStore, options);
  api.describe(name, () => {
    describeCounterConformance(context);
    describeLedgerConformance(context);
    describeWatcherConformance(context);
    describeTaskStateConformance(context);
  });
}
