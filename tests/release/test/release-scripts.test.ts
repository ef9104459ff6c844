// The root scripts a maintainer types (`pnpm changeset`, `pnpm version-packages`, `pnpm release`) and the
// changesets config they rely on. `pnpm release` itself is never run here: it would publish.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRootScript } from '../src/changesets.ts';
import { publishablePackages, readManifest, rootManifest, workspaceRoot } from '../src/workspace.ts';
import { copyWorkspace } from '../src/workspace-copy.ts';

const scripts = (rootManifest() as { scripts?: Record<string, string> }).scripts ?? {};
const config = JSON.parse(readFileSync(path.join(workspaceRoot, '.changeset', 'config.json'), 'utf8')) as {
  fixed: string[][];
  access: string;
  baseBranch: string;
};

describe('root release scripts', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('version-packages runs changeset version, then refreshes the lockfile', () => {
    expect(scripts['version-packages']).toBe('changeset version && pnpm install --lockfile-only');
  });

  it('release builds everything before changeset publish', () => {
    expect(scripts.release).toMatch(/^(turbo run build|pnpm (run )?build) && changeset publish$/);
  });

  it('pnpm changeset works non-interactively (--empty writes a changeset file)', async () => {
    const dir = copyWorkspace();
    copies.push(dir);
    await runRootScript(dir, 'changeset', ['--empty']);
    const written = readdirSync(path.join(dir, '.changeset')).filter((f) => f.endsWith('.md'));
    expect(written).toHaveLength(1);
  });

  it('builds every publishable package before these tests (each is a workspace devDependency here)', () => {
    const own = readManifest(path.resolve(import.meta.dirname, '..')).devDependencies ?? {};
    const missing = publishablePackages()
      .map((p) => p.name)
      .filter((name) => own[name] !== 'workspace:*');
    expect(missing).toEqual([]);
  });

  it('versions every @actkit package as one fixed group, published publicly', () => {
    expect(config.fixed).toEqual([['@actkit/*']]);
    expect(config.access).toBe('public');
    expect(config.baseBranch).toBe('main');
  });
});
