// Context for metric 5: what @actkit/core costs to install and to import, beside @runwayml/sdk. Install size
// = the packed tarball (npm pack --dry-run) plus the installed size of its runtime dependencies; cold import
// = a fresh `node` process timing its own `import()`, median of several, the two packages alternating.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { info, type Metric } from './metric.js';
import { median } from './stats.js';

const benchRoot = fileURLToPath(new URL('..', import.meta.url));
const packages = ['@actkit/core', '@runwayml/sdk'] as const;

export async function measurePackageCost(imports = 11): Promise<Metric[]> {
  const metrics: Metric[] = [];
  for (const name of packages) {
    const dir = packageDir(name, benchRoot);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    )[0] as { size: number; unpackedSize: number };
    const deps = dependencyDirs(dir);
    const depsBytes = [...deps].reduce((sum, d) => sum + directoryBytes(d), 0);
    metrics.push(
      info(
        `install size: ${name}`,
        (packed.unpackedSize + depsBytes) / 1024,
        'KiB',
        `tarball ${(packed.size / 1024).toFixed(0)} KiB, unpacked ${(packed.unpackedSize / 1024).toFixed(0)} KiB + ${deps.size} dependencies ${(depsBytes / 1024).toFixed(0)} KiB`,
      ),
    );
  }
  const times: Record<string, number[]> = { [packages[0]]: [], [packages[1]]: [] };
  for (let i = 0; i < imports; i++) {
    for (const name of i % 2 ? [...packages].reverse() : packages) times[name]!.push(coldImportMs(name));
  }
  for (const name of packages) metrics.push(info(`cold import: ${name}`, median(times[name]!), 'ms'));
  return metrics;
}

/**
 * The installed folder of `name` as seen from `from`: the nearest `node_modules/<name>` up the tree (how Node
 * finds it; pnpm puts a package's dependencies beside it), which also finds packages with no JavaScript entry
 * (types-only ones such as mediabunny's `@types/dom-webcodecs`), then resolved through pnpm's symlinks.
 */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (isManifestOf(candidate, name)) return realpathSync(candidate);
    if (path.dirname(dir) === dir) break;
  }
  let dir = path.dirname(createRequire(path.join(from, 'x.js')).resolve(name));
  while (!isManifestOf(dir, name)) dir = path.dirname(dir);
  return dir;
}

function isManifestOf(dir: string, name: string): boolean {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === name;
  } catch {
    return false;
  }
}

/** Every runtime dependency, transitively, as installed next to the package (pnpm's real paths). */
function dependencyDirs(dir: string, seen = new Set<string>()): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    const depDir = packageDir(dep, dir);
    if (!seen.has(depDir)) {
      seen.add(depDir);
      dependencyDirs(depDir, seen);
    }
  }
  return seen;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // pnpm links dependencies there: counted on their own
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

function coldImportMs(name: string): number {
  const script = `const t=performance.now();import(${JSON.stringify(name)}).then(()=>console.log(performance.now()-t))`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: benchRoot, encoding: 'utf8' }));
}
