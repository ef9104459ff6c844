// `@actkit/core/server` runs on any Web Fetch runtime (Cloudflare Workers, Deno, Bun, Vercel Edge): bundled by
// esbuild for platform `neutral`, which knows no Node built-in, it must build with nothing left to resolve.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mediaEntryAsPackage } from '../build/media-entry-as-package.js';

const entry = fileURLToPath(new URL('../src/server/index.ts', import.meta.url));
const nodeModules = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe('neutral bundle of the server entry', () => {
  it('bundles for platform neutral with no Node built-in, no node: import and no require', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'neutral',
      // Neutral resolves no package main field by default; ours and our dependencies' ESM entries.
      mainFields: ['module', 'main'],
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // As the build does: the lazy import of the container parser stays `@actkit/core/media`, which each
      // runtime resolves by export condition (Workers, Vercel Edge: `browser`, the stand-in without it).
      plugins: [mediaEntryAsPackage],
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('createActkitFetchHandler');
    expect(code).not.toMatch(/["']node:/);
    expect(code).not.toMatch(/\brequire\(/);
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.map((i) => i.path),
    );
    expect(imports.filter((path) => nodeModules.has(path))).toEqual([]);
  });

  it('a Node built-in would fail the neutral bundle (the check can fail)', async () => {
    const failed = await build({
      stdin: { contents: "import { createHash } from 'node:crypto'; console.log(createHash);", loader: 'ts' },
      bundle: true,
      platform: 'neutral',
      write: false,
      logLevel: 'silent',
    }).catch((error: { errors?: unknown[] }) => error);
    expect('errors' in failed && Array.isArray(failed.errors) && failed.errors.length > 0).toBe(true);
  });
});
