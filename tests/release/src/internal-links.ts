// `pnpm pack` turns `workspace:*` into the dependency's version by reading the linked package, so a workspace
// copy without an install needs those links: node_modules/@scope/name → the sibling package folder.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from './workspace.ts';

export function internalDependencies(manifest: Manifest, names: ReadonlySet<string>): string[] {
  const all = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies };
  return Object.keys(all).filter((name) => names.has(name));
}

export function linkInternalDependencies(packageDir: string, targets: Record<string, string>): void {
  for (const [name, targetDir] of Object.entries(targets)) {
    const link = path.join(packageDir, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.relative(path.dirname(link), targetDir), link, 'dir');
  }
}
