// `pnpm pack` is the publish dry run: the same file list, the same package.json rewrite (workspace:* → the
// real version) that `changeset publish` would upload, without a registry.
import { run } from './run.ts';
import { pnpmCommand } from './tools.ts';
import type { WorkspacePackage } from './workspace.ts';

export interface PackedPackage {
  name: string;
  version: string;
  dir: string;
  /** Absolute path of the .tgz, when packing worked. */
  tarball?: string;
  /** Paths inside the tarball, relative to its package/ folder. */
  files?: string[];
  /** Why packing failed, when it did (reported by the per-package tests, not thrown in the setup). */
  error?: string;
}

interface PnpmPackJson {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

export async function packPackage(pkg: WorkspacePackage, destination: string): Promise<PackedPackage> {
  const pnpm = pnpmCommand();
  const base = { name: pkg.name, version: pkg.manifest.version, dir: pkg.dir };
  try {
    const { stdout } = await run(
      pnpm.command,
      [...pnpm.args, 'pack', '--pack-destination', destination, '--json'],
      { cwd: pkg.dir, timeoutMs: 120_000 },
    );
    const packed = JSON.parse(stdout.slice(stdout.indexOf('{'))) as PnpmPackJson;
    return { ...base, tarball: packed.filename, files: packed.files.map((f) => f.path).sort() };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  }
}
