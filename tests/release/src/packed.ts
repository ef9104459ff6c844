// The tarballs the global setup made, for a test file: by name, or failing loudly when one is missing.
import { inject } from 'vitest';
import type { PackedPackage } from './pack.ts';

export const allPacked = (): PackedPackage[] => inject('packed');

export function packed(name: string): PackedPackage & { tarball: string; files: string[] } {
  const found = allPacked().find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not a publishable package in packages/*`);
  if (!found.tarball || !found.files) throw new Error(`${name} did not pack: ${found.error}`);
  return found as PackedPackage & { tarball: string; files: string[] };
}

/** Every tarball that packed, by package name: the `file:` specs a consumer installs from. */
export function tarballSpecs(): Record<string, string> {
  return Object.fromEntries(
    allPacked()
      .filter((p) => p.tarball)
      .map((p) => [p.name, `file:${p.tarball}`]),
  );
}
