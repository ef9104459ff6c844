// One `vitest run` covers both supported React majors: project "react19" uses the react/react-dom
// dependencies as installed, project "react18" (vitest.react18.config.ts) swaps in React 18. Both run against
// the Express backend; the integration tests run again, unchanged, against Hono and Next.js backends.
import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';
import { react18Project } from './vitest.react18.config.ts';

const shared = sharedConfig({ environment: 'jsdom' });

/** The tests that talk to a real backend (test/helpers/actkit-app.ts). */
const integration = [
  'test/start-and-follow.test.tsx',
  'test/unmount.test.tsx',
  'test/watch-task.test.tsx',
  'test/asset-files.test.tsx',
];
/**
 * Every other test file. `extends: true` concatenates a project's `include` with the root's (which takes all
 * of test/), so the backend projects must exclude the rest to run only the integration tests.
 */
const notIntegration = readdirSync(new URL('./test/', import.meta.url))
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => `test/${file}`)
  .filter((file) => !integration.includes(file));
const otherBackends = (['hono', 'next'] as const).map((backend) => ({
  extends: true as const,
  test: {
    name: `react19 on ${backend}`,
    include: integration,
    exclude: [...notIntegration, '**/node_modules/**'],
    provide: { reactMajor: '19' as const, backend },
  },
}));

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    projects: [
      { extends: true, test: { name: 'react19', provide: { reactMajor: '19', backend: 'express' } } },
      react18Project,
      ...otherBackends,
    ],
  },
});
