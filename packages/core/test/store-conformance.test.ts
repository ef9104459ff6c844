// The exported store conformance suite (@actkit/core/testing), run against the default memory store the
// way a store author runs it against theirs.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/server/index.js';
import { describeStoreConformance } from '../src/testing/index.js';

describeStoreConformance(
  'memory store',
  ({ ledgerRetentionMs }) => createMemoryStore({ ledgerRetentionMs }),
  { describe, it, expect },
);
