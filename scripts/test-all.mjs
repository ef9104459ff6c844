#!/usr/bin/env node
// The one test command (README): installs, checks the specs and generated code, lints, builds and runs every
// package's tests through turbo, then prints the sum of all vitest reports as "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const failures = [];
const step = (name, ok) => {
  if (!ok) failures.push(name);
};

pnpm(['install', '--frozen-lockfile']);

const reports = () =>
  ['packages', 'apps', 'tests', '.']
    .flatMap((dir) =>
      dir === '.' ? ['bench'] : existsSync(dir) ? readdirSync(dir).map((d) => path.join(dir, d)) : [],
    )
    .map((dir) => path.join(dir, '.vitest-report.json'))
    .filter((file) => existsSync(file));
for (const file of reports()) rmSync(file);

step(
  'generated code matches the specs',
  pnpm(['generate'], { allowFailure: true }) === 0 &&
    spawnSync('git', ['diff', '--exit-code', '--stat', '--', 'packages/core/src/generated'], {
      stdio: 'inherit',
    }).status === 0,
);
step('lint (biome + redocly)', pnpm(['run', 'lint'], { allowFailure: true }) === 0);
step(
  'build, typecheck and test',
  // Three tasks at a time: the suites hold timing assertions (abort within 50 ms) that a 2-core machine running
  // every suite at once would starve.
  pnpm(['turbo', 'run', 'build', 'typecheck', 'test', '--continue', '--concurrency=3'], {
    allowFailure: true,
  }) === 0,
);

let passed = 0;
let failed = 0;
for (const file of reports()) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0) failures.push(`tests in ${path.dirname(file)}`);
}
if (failures.length > 0) console.log(`\nFailed: ${[...new Set(failures)].join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 || passed === 0 ? 1 : 0);
