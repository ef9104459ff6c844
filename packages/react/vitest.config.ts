// One `vitest run` covers both supported React majors: project "react19" uses the react/react-dom
// dependencies as installed, project "react18" (vitest.react18.config.ts) swaps in React 18.
import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';
import { react18Project } from './vitest.react18.config.ts';

const shared = sharedConfig({ environment: 'jsdom' });

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    projects: [{ extends: true, test: { name: 'react19', provide: { reactMajor: '19' } } }, react18Project],
  },
});
