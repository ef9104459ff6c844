// Importing @actkit/core in a browser bundle must pull no Node-only module: bundle the main entry for the
// browser with esbuild and look at what went in.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mediaEntryAsPackage } from '../build/media-entry-as-package.js';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const nodeModules = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

type Conditional = { [condition: string]: Conditional | string };
const exportsOfMedia = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).exports[
  './media'
] as Conditional;

/** The target package.json's `exports['./media']` gives for `conditions` (first matching key wins). */
function exportTarget(target: Conditional | string, conditions: string[]): string {
  if (typeof target === 'string') return target;
  const key = Object.keys(target).find((k) => conditions.includes(k) || k === 'default');
  if (!key) throw new Error(`no export condition of ./media matches ${conditions.join(', ')}`);
  return exportTarget(target[key]!, conditions);
}

/**
 * The build's own plugin (the lazy `./media/index.js` import becomes `@actkit/core/media`), followed by what
 * a bundler then does with that name: resolve it through package.json's `exports` for `conditions`. The
 * built file is mapped to its source (`dist/media/x.js` → `src/media/x.ts`) so no build is needed.
 */
function mediaEntryAsBundlerSeesIt(conditions: string[]): Plugin {
  return {
    name: 'media-entry-as-bundler-sees-it',
    setup(b) {
      type Callback = (args: { path: string; importer: string }) => { path?: string } | undefined;
      let rewrite: Callback | undefined;
      mediaEntryAsPackage.setup({
        onResolve: (_options: unknown, callback: Callback) => {
          rewrite = callback;
        },
      } as never);
      b.onResolve({ filter: /^\.\/media\/index\.js$/ }, (args) => {
        if (rewrite?.(args)?.path !== '@actkit/core/media') return undefined;
        const built = exportTarget(exportsOfMedia, conditions);
        return {
          path: fileURLToPath(
            new URL(built.replace(/^\.\/dist\//, '../src/').replace(/\.js$/, '.ts'), import.meta.url),
          ),
        };
      });
    },
  };
}

/** Bundles the main entry's sources as the build does, with `@actkit/core/media` resolved for `conditions`. */
async function bundleMain(platform: 'browser' | 'node', conditions: string[]) {
  return build({
    entryPoints: [entry],
    bundle: true,
    platform,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: platform === 'node' ? ['mediabunny'] : [],
    plugins: [mediaEntryAsBundlerSeesIt(conditions)],
  });
}

describe('browser bundle of the main entry', () => {
  it('bundles for platform browser with no node: import/require and no Node built-in', async () => {
    const result = await bundleMain('browser', ['browser', 'import']);
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

  it('leaves the container parser out: `@actkit/core/media` resolves to the stand-in that reads nothing', async () => {
    const result = await bundleMain('browser', ['browser', 'import']);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.endsWith('src/media/browser.ts'))).toBe(true);
    expect(inputs.filter((path) => /mediabunny|read-video/.test(path))).toEqual([]);
    expect(result.outputFiles[0]?.text ?? '').not.toMatch(/mediabunny/);
  });

  it('on Node the same import resolves to the mediabunny reader (so the check above can fail)', async () => {
    const result = await bundleMain('node', ['node', 'import']);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.endsWith('src/media/read-video.ts'))).toBe(true);
    expect(result.outputFiles[0]?.text ?? '').toMatch(/import\("mediabunny"\)/);
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
