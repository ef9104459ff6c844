import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// Instances run as child processes from a bundle built once per run (test/helpers/build-instance.ts).
export default defineConfig(sharedConfig({ globalSetup: ['test/helpers/build-instance.ts'] }));
