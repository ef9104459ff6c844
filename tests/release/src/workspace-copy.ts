// A throwaway copy of the workspace's skeleton (root and package manifests, the lockfile, the changesets
// config) outside the checkout, so versioning can be tried for real without touching the repository.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceRoot } from './workspace.ts';

const rootFiles = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.npmrc'];
const memberParents = ['packages', 'apps', 'tests'];
const memberFiles = ['package.json', 'README.md'];

export interface WorkspaceCopyOptions {
  /** Copy the repository's pending .changeset/*.md too (default: only config.json). */
  withChangesets?: boolean;
}

export function copyWorkspace(options: WorkspaceCopyOptions = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'actkit-workspace-copy-'));
  const copy = (relative: string) => {
    const from = path.join(workspaceRoot, relative);
    if (!existsSync(from)) return;
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    cpSync(from, path.join(dir, relative));
  };
  for (const file of rootFiles) copy(file);
  for (const parent of memberParents) {
    if (!existsSync(path.join(workspaceRoot, parent))) continue;
    for (const member of readdirSync(path.join(workspaceRoot, parent))) {
      for (const file of memberFiles) copy(path.join(parent, member, file));
    }
  }
  copy('.changeset/config.json');
  if (options.withChangesets) {
    for (const file of readdirSync(path.join(workspaceRoot, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md') copy(path.join('.changeset', file));
    }
  }
  return dir;
}
