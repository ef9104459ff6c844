// The package managers the checks drive. pnpm packs (it rewrites `workspace:*` ranges into real versions, as
// a publish would); npm installs the consumers, as most users would, with an environment cleaned of the
// npm_config_* variables pnpm sets for its own scripts so they cannot change how the consumer installs.
import path from 'node:path';
import { workspaceRoot } from './workspace.ts';

/** pnpm as the running script was started with (npm_execpath), else the one on PATH. */
export function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath)) && /\.c?js$/.test(execPath)) {
    return { command: process.execPath, args: [execPath] };
  }
  return { command: 'pnpm', args: [] };
}

/** Kept because they say how to reach the registry, not how pnpm runs a script. */
const keptNpmConfig = new Set([
  'npm_config_registry',
  'npm_config_https_proxy',
  'npm_config_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_strict_ssl',
]);

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !keptNpmConfig.has(lower)) continue;
    if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_')) continue;
    if (key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'PNPM_SCRIPT_SRC_DIR') continue;
    env[key] = value;
  }
  // node_modules/.bin of the workspace must not leak into a consumer: it would hide a missing dependency.
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.startsWith(workspaceRoot))
    .join(path.delimiter);
  return { ...env, ...extra };
}

/** The workspace's own binaries (changeset, attw, publint), by absolute path. */
export const workspaceBin = (dir: string, name: string): string =>
  path.join(dir, 'node_modules', '.bin', name);
