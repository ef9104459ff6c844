// The first release is recorded as a changeset: every publishable package is named, as a minor bump, and the
// repository's pending changesets version cleanly (a changeset naming a missing package would not).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingChangesets, runRootScript } from '../src/changesets.ts';
import { publishablePackages, type WorkspacePackage } from '../src/workspace.ts';
import { copyWorkspace } from '../src/workspace-copy.ts';

describe('the pending initial-release changeset', () => {
  const names = publishablePackages().map((p) => p.name);
  const pending = pendingChangesets();
  let copyDir: string;
  let after: WorkspacePackage[];

  beforeAll(async () => {
    copyDir = copyWorkspace({ withChangesets: true });
    await runRootScript(copyDir, 'version-packages');
    after = publishablePackages(copyDir);
  });
  afterAll(() => {
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  });

  it('names every publishable package as a minor bump', () => {
    const initial = Object.values(pending).find((bumps) => names.every((name) => bumps[name] === 'minor'));
    expect(
      initial,
      `no changeset bumps all of ${names.join(', ')} as minor: ${JSON.stringify(pending)}`,
    ).toBeDefined();
  });

  it('versions cleanly: every package reaches the same version', () => {
    const versions = new Set(after.map((p) => p.manifest.version));
    expect(versions.size).toBe(1);
    expect([...versions][0]).not.toBe(publishablePackages()[0]?.manifest.version);
  });
});
