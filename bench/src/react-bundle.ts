// Metric 5: "react bundle". @actkit/react as a browser app would ship it: its built entry bundled with its
// runtime dependencies, react external, minified (esbuild) and gzipped (zlib, level 9).
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { checked, info, type Metric } from './metric.js';

export async function measureReactBundle(): Promise<Metric[]> {
  const entry = createRequire(import.meta.url).resolve('@actkit/react'); // dist/index.cjs; use the ESM one
  const result = await build({
    entryPoints: [entry.replace(/index\.cjs$/, 'index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    external: ['react'],
    write: false,
    logLevel: 'silent',
  });
  const minified = result.outputFiles[0]!.contents;
  const gzipped = gzipSync(minified, { level: 9 }).length;
  return [
    checked('react bundle (min+gzip, react external)', gzipped, 'B', '<', 4096),
    info('react bundle (minified)', minified.length, 'B'),
  ];
}
