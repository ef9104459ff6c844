// The same browser suite against the NestJS flavour, run the way `pnpm start:nest` runs it: the built entry
// in its own process (turbo builds before it tests).
import path from 'node:path';
import { startChildDemo } from './helpers/child-demo.js';
import { describeDemoFlows } from './helpers/demo-flows.js';

const taskMs = 2500;

describeDemoFlows({
  backend: 'NestJS',
  taskMs,
  screenshot: path.resolve(import.meta.dirname, '../test-results/finished-nest.png'),
  fieldErrorsScreenshot: path.resolve(import.meta.dirname, '../test-results/field-errors-nest.png'),
  start: () => startChildDemo(path.resolve(import.meta.dirname, '../dist/server/nest-main.js'), taskMs),
});
