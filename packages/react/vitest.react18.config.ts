// The same suite on React 18.3 (installed as the aliases react18 / react-dom18). Vite's aliases cover modules
// it resolves; test/setup/react18-require.ts covers CommonJS require() calls inside react-dom and
// @testing-library/react, which Node resolves on its own (pnpm links react-dom18 to React 19 as its peer).
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

export const react18Project: TestProjectInlineConfiguration = {
  extends: true,
  resolve: {
    alias: [
      { find: /^react(\/.*)?$/, replacement: 'react18$1' },
      { find: /^react-dom(\/.*)?$/, replacement: 'react-dom18$1' },
    ],
  },
  test: {
    name: 'react18',
    // Files that do not touch React run once, in the react19 project.
    exclude: [
      'test/problem-error.test.ts',
      'test/task-store.test.ts',
      'test/bundle-size.test.ts',
      'test/video-duration.test.ts',
      '**/node_modules/**',
    ],
    provide: { reactMajor: '18', backend: 'express' },
    setupFiles: [fileURLToPath(new URL('./test/setup/react18-require.ts', import.meta.url))],
  },
};

/** Runs only the React 18 project: `vitest run --config vitest.react18.config.ts`. */
export default defineConfig({
  ...sharedConfig({ environment: 'jsdom', projects: [react18Project] }),
});
