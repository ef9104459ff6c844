// TypeScript users (CommonJS): the require condition must resolve to .d.cts types that match the .cjs files.
import { type ActkitClient, createActkitClient } from '@actkit/core';
import { createActkitHandler } from '@actkit/core/server';

export function build(): ActkitClient {
  const client = createActkitClient({ apiKey: 'k' });
  createActkitHandler({ client, authorize: () => 'owner', secret: 'x'.repeat(32) });
  return client;
}
