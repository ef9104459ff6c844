// One vitest setup for every package: tests import workspace packages from their sources (no stale dist),
// and each run writes .vitest-report.json so scripts/test-all.mjs can print one "N passed, N failed" line.
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Workspace package entry points → their TypeScript sources. */
export const workspaceAliases = [
  { find: /^@actkit\/core$/, replacement: root('./packages/core/src/index.ts') },
  { find: /^@actkit\/core\/server$/, replacement: root('./packages/core/src/server/index.ts') },
  { find: /^@actkit\/core\/testing$/, replacement: root('./packages/core/src/testing/index.ts') },
  { find: /^@actkit\/emulator$/, replacement: root('./packages/emulator/src/index.ts') },
  { find: /^@actkit\/express$/, replacement: root('./packages/express/src/index.ts') },
  { find: /^@actkit\/fastify$/, replacement: root('./packages/fastify/src/index.ts') },
  { find: /^@actkit\/hono$/, replacement: root('./packages/hono/src/index.ts') },
  { find: /^@actkit\/nestjs$/, replacement: root('./packages/nestjs/src/index.ts') },
  { find: /^@actkit\/next$/, replacement: root('./packages/next/src/index.ts') },
  { find: /^@actkit\/react$/, replacement: root('./packages/react/src/index.ts') },
  { find: /^@actkit\/redis$/, replacement: root('./packages/redis/src/index.ts') },
];

export function sharedConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return {
    resolve: { alias: workspaceAliases },
    test: {
      include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
      ...overrides,
    },
  };
}
