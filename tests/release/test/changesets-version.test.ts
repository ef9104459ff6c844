// A version bump moves every package together: one sample minor changeset for @actkit/core, the real
// `pnpm version-packages` script on a workspace copy, then every @actkit/* package must share the new version
// and the packed manifests must depend on exactly that version of each other.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesetText, runRootScript } from '../src/changesets.ts';
import { internalDependencies, linkInternalDependencies } from '../src/internal-links.ts';
import { packPackage } from '../src/pack.ts';
import { readFromTarball } from '../src/tarball.ts';
import { type Manifest, publishablePackages, type WorkspacePackage } from '../src/workspace.ts';
import { copyWorkspace } from '../src/workspace-copy.ts';

describe('changeset version on a workspace copy', () => {
  const before = publishablePackages();
  const startVersion = before[0]?.manifest.version ?? '0.0.0';
  const expected = semver.inc(startVersion, 'minor');
  let copyDir: string;
  let after: WorkspacePackage[];

  beforeAll(async () => {
    copyDir = copyWorkspace();
    writeFileSync(
      path.join(copyDir, '.changeset', 'sample-minor.md'),
      changesetText({ '@actkit/core': 'minor' }, 'A sample feature for the release test.'),
    );
    await runRootScript(copyDir, 'version-packages');
    after = publishablePackages(copyDir);
  });
  afterAll(() => {
    if (copyDir && !process.env.ACTKIT_KEEP_TMP) rmSync(copyDir, { recursive: true, force: true });
  });

  it('starts from one shared version', () => {
    expect(new Set(before.map((p) => p.manifest.version))).toEqual(new Set([startVersion]));
  });

  it('moves every @actkit package to the same next minor version (the fixed group)', () => {
    expect(after.map((p) => p.name)).toEqual(before.map((p) => p.name));
    expect(Object.fromEntries(after.map((p) => [p.name, p.manifest.version]))).toEqual(
      Object.fromEntries(before.map((p) => [p.name, expected])),
    );
  });

  it('consumes the changeset and writes each package a changelog entry', () => {
    expect(existsSync(path.join(copyDir, '.changeset', 'sample-minor.md'))).toBe(false);
    for (const pkg of after) {
      const changelog = readFileSync(path.join(pkg.dir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${expected}`);
    }
    const core = readFileSync(path.join(copyDir, 'packages', 'core', 'CHANGELOG.md'), 'utf8');
    expect(core).toContain('A sample feature for the release test.');
  });

  it('keeps the lockfile in step (version-packages ran pnpm install --lockfile-only)', () => {
    expect(readFileSync(path.join(copyDir, 'pnpm-lock.yaml'), 'utf8')).toMatch(/^lockfileVersion:/);
  });

  it('publishes internal dependencies at exactly the new version', async () => {
    const names = new Set(after.map((p) => p.name));
    const dirs = Object.fromEntries(after.map((p) => [p.name, p.dir]));
    const dependents = after.filter((p) => internalDependencies(p.manifest, names).length > 0);
    expect(dependents.length).toBeGreaterThan(0);
    const tarballDir = await mkdtemp(path.join(os.tmpdir(), 'actkit-version-pack-'));
    for (const pkg of dependents) {
      const internal = internalDependencies(pkg.manifest, names);
      linkInternalDependencies(pkg.dir, Object.fromEntries(internal.map((name) => [name, dirs[name]!])));
      const result = await packPackage(pkg, tarballDir);
      expect(result.error).toBeUndefined();
      const manifest = JSON.parse(await readFromTarball(result.tarball!, 'package.json')) as Manifest;
      const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
      for (const name of internal.filter((n) => n in ranges)) {
        expect({ dependent: pkg.name, name, range: ranges[name] }).toEqual({
          dependent: pkg.name,
          name,
          range: expect.toSatisfy((range: string) => semver.satisfies(expected!, range)),
        });
      }
    }
    rmSync(tarballDir, { recursive: true, force: true });
  });
});
