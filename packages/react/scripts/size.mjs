#!/usr/bin/env node
// The size budget from issue 5: the package with its runtime dependencies (react excluded), minified and
// gzipped, stays under 4096 bytes. `pnpm size` measures dist/index.js (run the build first);
// test/bundle-size.test.ts measures the sources the same way.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const LIMIT_BYTES = 4096;

/** Bundles `entry` as a browser app would (minified ESM, react external) and gzips it. */
export async function measureBundle(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    external: ['react'],
    write: false,
    logLevel: 'silent',
  });
  const minified = result.outputFiles[0].contents;
  return { minified: minified.length, gzipped: gzipSync(minified, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { minified, gzipped } = await measureBundle(new URL('../dist/index.js', import.meta.url).pathname);
  console.log(`@actkit/react: ${minified} B minified, ${gzipped} B gzipped (limit ${LIMIT_BYTES} B)`);
  if (gzipped >= LIMIT_BYTES) {
    console.error(`@actkit/react is over its size budget by ${gzipped - LIMIT_BYTES + 1} B`);
    process.exit(1);
  }
}
