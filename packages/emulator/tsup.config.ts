import { defineConfig } from 'tsup';

export default defineConfig({
  // cli.ts starts with a `#!/usr/bin/env node` line, which esbuild keeps at the top of dist/cli.js.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
  // The library finds its bundled MP4 through import.meta.url; shims make that work in the CJS build too.
  shims: true,
});
