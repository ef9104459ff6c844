// A fresh project outside the workspace that installs @actkit packages the way a user would: npm, the public
// registry, and the packed tarballs (never a workspace link). npm `overrides` force every @actkit package,
// including ones only reached transitively, to its tarball, since 0.0.0 is not on the registry.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tarballSpecs } from './packed.ts';
import { type RunOptions, type RunResult, run } from './run.ts';
import { cleanEnv } from './tools.ts';

const consumersDir = fileURLToPath(new URL('../consumers/', import.meta.url));

/** One npm cache for every consumer and run: repeated installs mostly come from disk. */
export const sharedNpmCache =
  process.env.ACTKIT_NPM_CACHE ?? path.join(os.tmpdir(), 'actkit-release-npm-cache');

export interface ConsumerSpec {
  /** Short name, used in the folder and package name. */
  name: string;
  /** @actkit packages to depend on; they come from their tarballs. */
  actkit: string[];
  /** Registry dependencies, at exact versions. */
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  /** Extra npm overrides (e.g. pinning a transitive dependency that needs a newer Node). */
  overrides?: Record<string, string>;
  type?: 'module' | 'commonjs';
  /** A folder of tests/release/consumers/ copied into the project: the consumer's own source files. */
  source?: string;
  /** More files to write (generated ones, e.g. tsconfigs), by path relative to the project. */
  files?: Record<string, string>;
}

export interface ConsumerProject {
  dir: string;
  installMs: number;
  /** Runs a command in the project with a clean environment (no workspace binaries on PATH). */
  run(command: string, args: string[], options?: Partial<RunOptions>): Promise<RunResult>;
  /** Runs a binary from the project's own node_modules/.bin. */
  bin(name: string, args: string[], options?: Partial<RunOptions>): Promise<RunResult>;
  remove(): void;
}

export async function createConsumerProject(spec: ConsumerSpec): Promise<ConsumerProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `actkit-consumer-${spec.name}-`));
  const tarballs = tarballSpecs();
  const missing = spec.actkit.filter((name) => !tarballs[name]);
  if (missing.length > 0) throw new Error(`no tarball for ${missing.join(', ')}`);
  const actkitDeps = Object.fromEntries(spec.actkit.map((name) => [name, tarballs[name]!]));
  const manifest = {
    name: `actkit-consumer-${spec.name}`,
    version: '0.0.0',
    private: true,
    type: spec.type ?? 'module',
    dependencies: { ...actkitDeps, ...spec.dependencies },
    devDependencies: spec.devDependencies ?? {},
    // npm accepts an override of a direct dependency only when it is the same spec, which it is here.
    overrides: { ...tarballs, ...spec.overrides },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // engine-strict: a dependency that needs a newer Node than ours must fail the install here, not a user's.
  writeFileSync(
    path.join(dir, '.npmrc'),
    'engine-strict=true\nfund=false\naudit=false\nupdate-notifier=false\n',
  );
  if (spec.source) cpSync(path.join(consumersDir, spec.source), dir, { recursive: true });
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }

  const runHere = (command: string, args: string[], options: Partial<RunOptions> = {}) =>
    run(command, args, { cwd: dir, ...options, env: cleanEnv(options.env) });
  const installed = await runHere(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--cache', sharedNpmCache, '--loglevel=error'],
    { timeoutMs: 230_000 },
  );
  return {
    dir,
    installMs: installed.ms,
    run: runHere,
    bin: (name, args, options) => runHere(path.join(dir, 'node_modules', '.bin', name), args, options),
    remove: () => {
      if (!process.env.ACTKIT_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
    },
  };
}
