// Packs every publishable package once per run, into a temporary folder outside the workspace, and hands the
// tarball list to every test file (publint, attw, metadata, consumers) through vitest's provide/inject.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type PackedPackage, packPackage } from './pack.ts';
import { publishablePackages } from './workspace.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every publishable package, packed (or the reason it could not be). */
    packed: PackedPackage[];
    /** The folder holding the tarballs. */
    tarballDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tarballDir = await mkdtemp(path.join(os.tmpdir(), 'actkit-tarballs-'));
  const packed = await Promise.all(publishablePackages().map((pkg) => packPackage(pkg, tarballDir)));
  project.provide('packed', packed);
  project.provide('tarballDir', tarballDir);
  return async () => {
    if (!process.env.ACTKIT_KEEP_TMP) await rm(tarballDir, { recursive: true, force: true });
  };
}
