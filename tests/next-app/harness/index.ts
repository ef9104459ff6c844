// The test app's harness, for every suite that runs against Next.js: build once, start as many servers as a
// suite needs, each with its own configuration.
export type { TestAppConfig } from '../lib/test-app-config.ts';
export { appDir, ensureNextAppBuilt, readmeExampleFiles } from '../scripts/build.mjs';
export { type NextApp, type NextAppOptions, type NextAppStats, startNextApp } from './start-next-app.ts';
