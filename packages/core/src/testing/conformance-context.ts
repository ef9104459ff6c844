// What every part of the conformance suite shares: a fresh store per test (closed afterwards), scaled
// lifetimes for slow stores, and names unique per test so a store shared between tests (one Redis
// database) never mixes their keys.
import type { ActkitStore } from '../server/store.js';
import type { ConformanceTestApi } from './test-api.js';

/** What the suite asks of the store it builds: a ledger retention in ms (short for the retention test). */
export interface ConformanceStoreSettings {
  ledgerRetentionMs: number;
}

/** Builds a fresh store for one test. It is closed (`store.close()`, when present) after the test. */
export type CreateConformanceStore = (
  settings: ConformanceStoreSettings,
) => ActkitStore | Promise<ActkitStore>;

export interface StoreConformanceOptions {
  /**
   * Multiplies every lifetime and wait in the suite (windows, slot ttls, leases, retention), for a store
   * whose round trips are slow. Default 1 (lifetimes of a few hundred ms).
   */
  timeScale?: number;
}

export interface ConformanceContext {
  api: ConformanceTestApi;
  /** Runs `body` with a fresh store and closes it afterwards, whatever happens. */
  withStore(
    body: (store: ActkitStore) => Promise<void>,
    settings?: Partial<ConformanceStoreSettings>,
  ): Promise<void>;
  /** `ms` scaled by the suite's time scale. */
  ms(ms: number): number;
  sleep(ms: number): Promise<void>;
  /** Polls `check` every 10 ms until it holds; throws naming `what` after `timeoutMs` (scaled). */
  waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  /** A name no other test uses (keys, owners, record ids). */
  unique(prefix: string): string;
  /** A timeout for `it`, in ms, for a test that waits about `waitsMs` (unscaled) in all. */
  timeout(waitsMs: number): number;
}

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function createConformanceContext(
  api: ConformanceTestApi,
  createStore: CreateConformanceStore,
  options: StoreConformanceOptions,
): ConformanceContext {
  const scale = options.timeScale ?? 1;
  if (!(scale > 0)) throw new RangeError(`timeScale must be a number > 0, got ${scale}`);
  let counter = 0;
  const ms = (value: number) => Math.round(value * scale);
  const sleep = (value: number) => new Promise<void>((resolve) => setTimeout(resolve, value));
  return {
    api,
    ms,
    sleep,
    async withStore(body, settings = {}) {
      const store = await createStore({ ledgerRetentionMs: ms(60 * 60_000), ...settings });
      try {
        await body(store);
      } finally {
        await store.close?.();
      }
    },
    async waitFor(check, what, timeoutMs = 2000) {
      const deadline = Date.now() + ms(timeoutMs);
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await sleep(10);
      }
    },
    unique: (prefix) => `${prefix}-${run}-${++counter}`,
    timeout: (waitsMs) => ms(waitsMs) + 10_000,
  };
}
