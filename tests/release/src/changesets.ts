// Drives the workspace's own changesets CLI and root scripts inside a workspace copy, and reads changeset
// files, whose front matter is one `"package": bump` line per package.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.ts';
import { cleanEnv, pnpmCommand } from './tools.ts';
import { workspaceRoot } from './workspace.ts';

/** The copy has no node_modules: the root's binaries (changeset) come first on PATH instead. */
const copyEnv = () =>
  cleanEnv({
    PATH: [path.join(workspaceRoot, 'node_modules', '.bin'), cleanEnv().PATH].join(path.delimiter),
  });

/** Runs a root package.json script of the copy (`pnpm run <script>`), as a developer would. */
export function runRootScript(copyDir: string, script: string, args: string[] = []) {
  const pnpm = pnpmCommand();
  return run(pnpm.command, [...pnpm.args, 'run', script, ...args], { cwd: copyDir, env: copyEnv() });
}

export type Bump = 'major' | 'minor' | 'patch';

export function changesetText(bumps: Record<string, Bump>, summary: string): string {
  const lines = Object.entries(bumps).map(([name, bump]) => `"${name}": ${bump}`);
  return `---\n${lines.join('\n')}\n---\n\n${summary}\n`;
}

export function parseChangeset(text: string): Record<string, Bump> {
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return Object.fromEntries(
    [...frontMatter.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => [
      m[1],
      m[2] as Bump,
    ]),
  );
}

/** The repository's pending changesets, by file name. */
export function pendingChangesets(): Record<string, Record<string, Bump>> {
  const dir = path.join(workspaceRoot, '.changeset');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.md') && file !== 'README.md')
      .map((file) => [file, parseChangeset(readFileSync(path.join(dir, file), 'utf8'))]),
  );
}
