// @vitest-environment node
// Issue 5's budget: the package plus its runtime dependencies (openapi-fetch), react excluded, minified and
// gzipped, under 4096 bytes. `pnpm size` checks the built dist/index.js the same way.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { LIMIT_BYTES, measureBundle } from '../scripts/size.mjs';

it('stays under 4 KB minified and gzipped with openapi-fetch bundled in', async () => {
  const { gzipped } = await measureBundle(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
  console.log(`@actkit/react sources bundled: ${gzipped} B gzipped`);
  expect(gzipped).toBeLessThan(LIMIT_BYTES);
});
