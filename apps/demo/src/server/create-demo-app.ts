// The Express flavour of the demo: the actkit router from @actkit/express at /api/actkit, the demo's own
// endpoints at /api/demo, and the page.
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import express, { type Express } from 'express';
import type { DemoInfo, SampleAssets } from '../shared/demo-api.js';
import { browserSession, sessionIdOf } from './browser-session.js';
import { demoRoutes } from './demo-routes.js';
import type { DemoStore } from './demo-store.js';
import { logTaskSettled } from './task-settled-log.js';
import type { Upstream } from './upstream.js';
import { webPage } from './web-page.js';

export interface DemoAppOptions {
  upstream: Upstream;
  state: DemoStore;
  info: DemoInfo;
  samples: SampleAssets;
  webRoot: string;
}

export function createDemoApp(options: DemoAppOptions): { app: Express; close: () => Promise<void> } {
  const { upstream, state } = options;
  const actkit = createActkitRouter({
    client: upstream.client,
    authorize: sessionIdOf,
    secret: state.handleSecret,
    pollIntervalMs: upstream.pollIntervalMs,
    store: state.store,
    onTaskSettled: logTaskSettled,
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(browserSession);
  app.use('/api/actkit', actkit);
  app.use('/api/demo', demoRoutes(options.info, options.samples));
  app.use(webPage(options.webRoot));
  app.use(actkitErrorHandler());
  return { app, close: () => actkit.close() };
}
