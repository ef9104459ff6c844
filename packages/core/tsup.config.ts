import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// `@actkit/core/node` must share the main entry's classes (instanceof ActkitError must hold across both
// entries), so its imports of the main entry stay imports of the published package instead of a bundled copy.
const mainEntryAsPackage: Plugin = {
  name: 'main-entry-as-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      /[\\/]src[\\/]node[\\/]/.test(args.importer) ? { path: '@actkit/core', external: true } : undefined,
    );
  },
};

export default defineConfig([
  {
    // Browser-safe main entry and the framework-free server handler.
    entry: { index: 'src/index.ts', 'server/index': 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
  },
  {
    // Node-only helpers (file downloads).
    entry: { 'node/index': 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['@actkit/core'],
    esbuildPlugins: [mainEntryAsPackage],
  },
  {
    // The `actkit` CLI: one self-contained ESM file. The emulator is loaded only on `--emulator`, if installed.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['@actkit/emulator'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
