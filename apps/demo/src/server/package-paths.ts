// Files the server serves, located from this module: src/server/*.ts (tests) and dist/server/*.js (start) are
// both two levels below the package root.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The Vite build of the page (`pnpm build`). */
export const webRoot = path.join(packageRoot, 'dist', 'web');

/** The sample character image drawn by scripts/make-character-png.mjs. */
export const sampleCharacterPath = path.join(packageRoot, 'assets', 'character.png');

/** The emulator's own 5 s sample clip, reused as the sample reference performance (3–30 s, as required). */
export const sampleReferencePath = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@actkit/emulator/package.json')),
  'assets',
  'sample.mp4',
);
