// Vitest global setup: bundles test/fixtures/instance.ts (with this package's sources) into one .mjs once
// per run, so each instance process starts on plain Node in about a second instead of compiling
// TypeScript at startup. Dependencies stay external: they resolve from this package's node_modules (the
// built @actkit packages, express, Nest, redis).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const instanceBundle = fileURLToPath(new URL('../../.test-build/instance.mjs', import.meta.url));

export default async function setup() {
  mkdirSync(fileURLToPath(new URL('../../.test-build/', import.meta.url)), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/instance.ts', import.meta.url))],
    outfile: instanceBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
