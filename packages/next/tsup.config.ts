import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  splitting: false,
  treeshake: true,
  // The framework and core are the app's own copies: never bundled.
  external: ['next', /^next\//, '@actkit/core', '@actkit/core/server'],
});
