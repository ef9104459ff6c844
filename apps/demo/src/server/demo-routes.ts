// The demo's own endpoints, beside the actkit contract: where tasks run (for the page's banner) and the sample
// assets that prefill the form.
import { Router as createRouter, type Router } from 'express';
import type { DemoInfo, SampleAssets } from '../shared/demo-api.js';

export function demoRoutes(info: DemoInfo, samples: SampleAssets): Router {
  const router = createRouter();
  router.get('/info', (_req, res) => {
    res.json(info);
  });
  router.get('/samples', (_req, res) => {
    // Immutable for the life of the process; the browser may keep them.
    res.set('cache-control', 'private, max-age=3600').json(samples);
  });
  return router;
}
