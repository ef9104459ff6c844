import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  treeshake: true,
  // Fastify, fastify-plugin and core are the app's own copies: never bundled.
  external: ['fastify', 'fastify-plugin', '@actkit/core', '@actkit/core/server'],
});
