// A throwaway copy of the workspace's skeleton (root and package manifests, the lockfile, the changesets
// config) outside the checkout, so versioning can be tried for real without touching the repository.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspaceRoot } from './workspace.ts';

const rootFiles = ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.npmrc'];
const memberFiles = ['package.json', 'README.md'];

/** Member folders from pnpm-workspace.yaml: `dir/*` entries expand to their subfolders, others are folders. */
function workspaceMembers(): string[] {
  const yaml = readFileSync(path.join(workspaceRoot, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  return [...block.matchAll(/^\s+-\s+['"]?([^'"\s]+)['"]?/gm)].flatMap(([, pattern]) => {
    if (!pattern!.endsWith('/*')) return [pattern!];
    const parent = pattern!.slice(0, -2);
    const parentDir = path.join(workspaceRoot, parent);
    return existsSync(parentDir) ? readdirSync(parentDir).map((entry) => path.join(parent, entry)) : [];
  });
}

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
  for (const member of workspaceMembers()) {
    for (const file of memberFiles) copy(path.join(member, file));
  }
  copy('.changeset/config.json');
  if (options.withChangesets) {
    for (const file of readdirSync(path.join(workspaceRoot, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md') copy(path.join('.changeset', file));
    }
  }
  return dir;
}
