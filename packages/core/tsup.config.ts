import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { mediaEntryAsPackage } from './build/media-entry-as-package.ts';

// `@actkit/core/server` and `@actkit/core/node` must share the main entry's code: one copy of the classes
// (instanceof ActkitError holds across entries) and of the validation schemas. So their imports of the main
// entry (`../index.js`) stay imports of the published package instead of a bundled copy.
const mainEntryAsPackage: Plugin = {
  name: 'main-entry-as-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      /[\\/]src[\\/](node|server|testing)[\\/]/.test(args.importer)
        ? { path: '@actkit/core', external: true }
        : undefined,
    );
  },
};

export default defineConfig([
  {
    // Browser-safe main entry. Its lazy import of the container parser stays an import of
    // `@actkit/core/media`, whose `browser` condition is a stand-in without the parser.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    external: ['@actkit/core/media'],
    esbuildPlugins: [mediaEntryAsPackage],
  },
  {
    // `@actkit/core/media` on Node: the container parser (mediabunny, a dependency, not bundled).
    entry: { 'media/index': 'src/media/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['mediabunny'],
  },
  {
    // `@actkit/core/media` for browsers: reads nothing, imports nothing.
    entry: { 'media/browser': 'src/media/browser.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
    splitting: false,
    treeshake: true,
  },
  {
    // The framework-free server handler (no Node-only imports either: Web Crypto, structural types).
    entry: { 'server/index': 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    external: ['@actkit/core'],
    esbuildPlugins: [mainEntryAsPackage],
  },
  {
    // The store conformance suite (test functions come in as parameters: no test framework is bundled).
    entry: { 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    external: ['@actkit/core'],
    esbuildPlugins: [mainEntryAsPackage],
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
    // The parser entry stays an import of the installed package (a self-reference), loaded on first use.
    external: ['@actkit/emulator', '@actkit/core/media'],
    esbuildPlugins: [mediaEntryAsPackage],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
