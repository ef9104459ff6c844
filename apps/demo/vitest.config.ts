// Browser tests: a real Chromium against the demo server. One file at a time (each starts a browser and a
// server; two cores here), with room for a browser start and a few emulator tasks per test.
import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

const shared = sharedConfig({ testTimeout: 45_000, hookTimeout: 45_000, fileParallelism: false });

export default defineConfig(shared);
