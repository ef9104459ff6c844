// What every published package.json must say, read from the tarball users download (after pnpm's rewrite),
// not from the workspace copy.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionOrderProblems, exportTargets } from '../src/exports-map.ts';
import { allPacked, packed } from '../src/packed.ts';
import { readFromTarball } from '../src/tarball.ts';
import { type Manifest, rootManifest } from '../src/workspace.ts';

const packages = allPacked();
const rootNodeRange = rootManifest().engines?.node;

it('finds the publishable packages', () => {
  expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['@actkit/core', '@actkit/emulator']));
  expect(rootNodeRange).toBe('>=20.19');
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, pkg) => {
  let manifest: Manifest;
  let files: string[];

  beforeAll(async () => {
    const tar = packed(name);
    files = tar.files;
    manifest = JSON.parse(await readFromTarball(tar.tarball, 'package.json')) as Manifest;
  });

  it('packs (the publish dry run)', () => {
    expect(pkg.error).toBeUndefined();
    expect(pkg.tarball).toMatch(/\.tgz$/);
  });

  it('names its licence, repository and keywords', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.keywords?.length ?? 0).toBeGreaterThan(0);
    expect(manifest.repository).toMatchObject({
      type: 'git',
      url: expect.stringMatching(/^git\+https:\/\/.+\.git$/),
      directory: `packages/${path.basename(pkg.dir)}`,
    });
  });

  it("supports the Node versions CI tests (engines.node equals the root's)", () => {
    expect(manifest.engines?.node).toBe(rootNodeRange);
  });

  it('ships only what it needs: a files list, no sources or tests', () => {
    expect(manifest.files?.length ?? 0).toBeGreaterThan(0);
    const unwanted = files.filter((file) =>
      /^(src|test|tests|codegen|coverage|node_modules)\/|tsconfig|tsup\.config|vitest\.config|\.vitest-report/.test(
        file,
      ),
    );
    expect(unwanted).toEqual([]);
  });

  it('has no workspace: ranges left after packing', () => {
    const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
    expect(Object.entries(ranges).filter(([, range]) => range.startsWith('workspace:'))).toEqual([]);
  });

  it('exposes ./package.json and puts types first in every condition', () => {
    expect(manifest.exports?.['./package.json']).toBe('./package.json');
    expect(conditionOrderProblems(manifest.exports)).toEqual([]);
  });

  it('ships every file its exports and bin point at', () => {
    const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
    const targets = [...exportTargets(manifest.exports), ...bins].map((target) =>
      path.posix.normalize(target),
    );
    expect(targets.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('ships a README with an install line, an example and an options table', async () => {
    expect(files).toContain('README.md');
    const readme = await readFromTarball(packed(name).tarball, 'README.md');
    expect(readme).toMatch(
      new RegExp(`(npm|pnpm|yarn) (i|install|add)\\b[^\\n]*${name.replace('/', '\\/')}`),
    );
    expect(readme).toMatch(/```(ts|tsx|js)\n/);
    expect(readme).toMatch(/^\|.*\|\n\|[\s:|-]+\|$/m);
  });

  it('declares sideEffects', () => {
    expect(manifest.sideEffects).toBeDefined();
  });
});
