#!/usr/bin/env node
// The README's main job: install everything, build, and run the demo against the built-in emulator (or against
// CometAPI when COMETAPI_KEY is set). Works on a machine with only Node and npm: pnpm comes through npx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const target = process.argv[2] ?? 'demo';

pnpm(['install', '--frozen-lockfile']);
if (existsSync('apps/demo/package.json')) {
  pnpm(['turbo', 'run', 'build', '--filter=actkit-demo...', '--output-logs=errors-only']);
  pnpm(['--filter', 'actkit-demo', target === 'demo:nest' ? 'start:nest' : 'start']);
} else {
  // Until the demo app exists: one task end to end through the CLI against the in-process emulator.
  pnpm([
    'turbo',
    'run',
    'build',
    '--filter=@actkit/core...',
    '--filter=@actkit/emulator',
    '--output-logs=errors-only',
  ]);
  pnpm(
    [
      'exec',
      'actkit',
      'run',
      '--emulator',
      '--character',
      'https://assets.example.com/character.png',
      '--character-type',
      'image',
      '--reference',
      'https://assets.example.com/performance.mp4',
      '--out',
      'actkit-output.mp4',
    ],
    { cwd: path.join(root, 'packages/core') },
  );
}
