import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// Consumer projects install from the registry and build real apps: generous timeouts, and more workers than
// CPUs because most of the time is spent waiting on npm and child processes, not computing.
export default defineConfig(
  sharedConfig({
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    maxWorkers: 6,
  }),
);
