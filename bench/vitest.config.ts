import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../vitest.shared.ts';

// The smoke test starts emulators, servers and child processes for every metric at once; on a loaded
// 2-core CI machine that takes well over the shared 20 s default.
export default defineConfig(sharedConfig({ testTimeout: 120_000 }));
