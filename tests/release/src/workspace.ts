// Where the workspace is and which of its packages get published: discovered, not listed, so a new package
// is checked the day it lands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The subset of package.json the release checks read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  keywords?: string[];
  repository?: { type?: string; url?: string; directory?: string } | string;
  engines?: { node?: string };
  files?: string[];
  exports?: Record<string, unknown>;
  sideEffects?: boolean | string[];
  bin?: Record<string, string> | string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  name: string;
  /** Absolute path of the package folder. */
  dir: string;
  manifest: Manifest;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

export const rootManifest = (): Manifest => readManifest(workspaceRoot);

/** Every packages/* folder whose package.json is not private, sorted by name (of the workspace or a copy). */
export function publishablePackages(root: string = workspaceRoot): WorkspacePackage[] {
  const packagesDir = path.join(root, 'packages');
  return readdirSync(packagesDir)
    .map((entry) => path.join(packagesDir, entry))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readManifest(dir) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir, manifest }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a publishable package of that name exists yet (packages land over time). */
export const hasPackage = (name: string): boolean => publishablePackages().some((p) => p.name === name);
