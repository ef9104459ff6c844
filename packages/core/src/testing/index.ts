// @actkit/core/testing: the store conformance suite, for anyone who writes an ActkitStore (on their SQL
// database, their key-value store). Takes the test framework's functions as parameters: no test framework
// is imported here.
export type {
  ConformanceStoreSettings,
  CreateConformanceStore,
  StoreConformanceOptions,
} from './conformance-context.js';
export { describeStoreConformance } from './describe-store-conformance.js';
export { ledgerRecord } from './ledger-conformance.js';
export type { ConformanceMatchers, ConformanceTestApi } from './test-api.js';
