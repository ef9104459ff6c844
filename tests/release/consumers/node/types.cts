// TypeScript users (CommonJS): the require condition must resolve to .d.cts types that match the .cjs files.
import { type ActkitClient, createActkitClient } from '@actkit/core';
import { createActkitHandler, createMemoryStore } from '@actkit/core/server';
import { type ConformanceTestApi, describeStoreConformance } from '@actkit/core/testing';

export function build(): ActkitClient {
  const client = createActkitClient({ apiKey: 'k' });
  createActkitHandler({ client, authorize: () => 'owner', secret: 'x'.repeat(32) });
  return client;
}

export function conformance(api: ConformanceTestApi): void {
  describeStoreConformance('memory store', () => createMemoryStore(), api);
}
