// Importing @actkit/core in a browser bundle must pull no Node-only module: bundle the main entry for the
// browser with esbuild and look at what went in.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const nodeModules = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe('browser bundle of the main entry', () => {
  it('bundles for platform browser with no node: import/require and no Node built-in', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/["']node:/);
    expect(code).not.toMatch(
      /require\(\s*["'](fs|path|os|stream|crypto|http|https|net|child_process|util)["']\s*\)/,
    );
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.map((i) => i.path),
    );
    expect(imports.filter((path) => nodeModules.has(path))).toEqual([]);
  });

  it('the Node-only download helper is a separate entry that does use Node modules', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/node/index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    }).catch((error: { errors?: unknown[] }) => error);
    expect('errors' in result && Array.isArray(result.errors) && result.errors.length > 0).toBe(true);
  });
});
