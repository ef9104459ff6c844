// @ts-check
// Builds the test app once per change: `next build` when its inputs (the app's sources, the @actkit/next
// README example it serves, the built @actkit packages it bundles) differ from the last build's, else nothing.
// Suites that start the app call `ensureNextAppBuilt()` (harness); turbo runs this file as the `build` task
// first, so in `npm test` the suites find the build ready. A lock directory keeps two suites from building at
// once. Run directly: `node scripts/build.mjs`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// From the file path, not `new URL('..', import.meta.url)`: jsdom (the React tests' environment) replaces URL.
export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.resolve(appDir, '../..');
const readmePath = path.join(workspace, 'packages/next/README.md');
const stampPath = path.join(appDir, '.next', 'actkit-build-stamp');
const lockDir = path.join(appDir, '.next-build.lock');

/** Where the README example's files go: its routes under /readme (they work in any folder), the rest as is. */
const readmeTarget = (file) => (file.startsWith('app/') ? `app/readme/${file.slice(4)}` : file);

/** The files of the README's "## Example" section: each ```ts block after a line naming its file. */
export function readmeExampleFiles() {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf('## Example');
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  const files = [...section.matchAll(/`([\w@/[\].-]+\.tsx?)`[^\n]*\n+```tsx?\n([\s\S]*?)```/g)].map((m) => ({
    file: /** @type {string} */ (m[1]),
    source: /** @type {string} */ (m[2]),
  }));
  if (files.length === 0) throw new Error(`no example files under "## Example" in ${readmePath}`);
  return files;
}

function writeReadmeExample() {
  for (const { file, source } of readmeExampleFiles()) {
    const target = path.join(appDir, readmeTarget(file));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(
      target,
      `// Generated from packages/next/README.md by scripts/build.mjs: do not edit.\n${source}`,
    );
  }
}

/** Every file under `dir` (recursively), skipping build output. */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === '.next' ? [] : filesUnder(full);
    return [full];
  });
}

/** A hash of what the build reads: app sources and config, the README, the built packages it bundles. */
export function inputsHash() {
  const files = [
    ...['app', 'lib'].flatMap((dir) => filesUnder(path.join(appDir, dir))),
    ...['next.config.mjs', 'package.json', 'tsconfig.json'].map((file) => path.join(appDir, file)),
    readmePath,
    ...['core', 'next', 'react'].flatMap((pkg) => filesUnder(path.join(workspace, 'packages', pkg, 'dist'))),
  ].filter((file) => !file.includes(`${path.sep}app${path.sep}readme${path.sep}`));
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${path.relative(appDir, file)}\0`).update(readFileSync(file));
  hash.update(JSON.stringify(readmeExampleFiles()));
  return hash.digest('hex');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the build lock (a directory: created atomically); waits while a live process holds it. */
async function lock(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const owner = Number(
        existsSync(path.join(lockDir, 'pid')) ? readFileSync(path.join(lockDir, 'pid'), 'utf8') : 0,
      );
      if (owner && !isAlive(owner)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`the Next test app build lock is still held (${lockDir})`);
      else await sleep(250);
    }
  }
}

function nextBuild() {
  return new Promise((resolve, reject) => {
    const bin = path.join(appDir, 'node_modules', '.bin', 'next');
    const child = spawn(bin, ['build'], {
      cwd: appDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`next build failed (${code}):\n${output}`)),
    );
  });
}

/**
 * Builds the app unless the last build had the same inputs. Resolves `{ built, ms }`: whether this call ran
 * `next build`, and how long it took (0 when it did not).
 */
export async function ensureNextAppBuilt({ timeoutMs = 300_000 } = {}) {
  const unlock = await lock(timeoutMs);
  try {
    writeReadmeExample();
    const hash = inputsHash();
    if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === hash) return { built: false, ms: 0 };
    const started = Date.now();
    await nextBuild();
    writeFileSync(stampPath, hash);
    return { built: true, ms: Date.now() - started };
  } finally {
    unlock();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { built, ms } = await ensureNextAppBuilt();
  console.log(
    built ? `next build of the test app: ${ms} ms` : 'the test app is already built for these inputs',
  );
}
