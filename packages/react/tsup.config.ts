import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // The generated contract types are imported by relative path and inlined here, so the package needs no
  // runtime dependency on @actkit/core.
  dts: true,
  clean: true,
  // Browsers since 2021: class fields, ?? and ?. stay as written (smaller than down-levelled helpers).
  target: 'es2022',
  platform: 'neutral',
  splitting: false,
  // No rollup treeshake pass: it drops the 'use client' banner below, and esbuild's own is enough here.
  external: ['react'],
  // The hooks run only on the client; frameworks with React Server Components read this directive.
  banner: { js: "'use client';" },
});
