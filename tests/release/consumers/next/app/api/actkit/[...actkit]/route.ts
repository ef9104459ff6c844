// The actkit contract in a Next.js App Router app with @actkit/next; the provider is the emulator
// (ACTKIT_BASE_URL), read when the first request comes (next build loads this module without it).
import { createActkitClient } from '@actkit/core';
import { createActkitRouteHandlers } from '@actkit/next';

export const runtime = 'nodejs';

export const { GET, POST } = createActkitRouteHandlers(() => ({
  client: createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL }),
  // A real app reads its session; here the caller names itself in a header.
  authorize: (request) => request.headers.get('x-user'),
  secret: 'consumer-test-secret-of-32-bytes!',
  pollIntervalMs: 100,
}));
