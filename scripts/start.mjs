#!/usr/bin/env node
// The README's main job: install everything, build, and run the demo (Express backend, or NestJS with
// `demo:nest`) against the built-in emulator, or against CometAPI when COMETAPI_KEY is set. Works on a
// machine with only Node and npm: pnpm comes through npx.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
const flavour = process.argv[2] === 'demo:nest' ? 'start:nest' : 'start';

pnpm(['install', '--frozen-lockfile']);
pnpm(['turbo', 'run', 'build', '--filter=actkit-demo...', '--output-logs=errors-only']);
pnpm(['--filter', 'actkit-demo', flavour]);
