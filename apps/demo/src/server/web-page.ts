// Serves the Vite build of the page, or says how to build it when it is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';

export function webPage(root: string): RequestHandler {
  if (!existsSync(path.join(root, 'index.html'))) {
    return (req, res, next) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res
        .status(503)
        .type('text/plain')
        .send('The demo page is not built yet: run `pnpm --filter actkit-demo build` (or `npm run demo`).');
    };
  }
  return express.static(root, { index: 'index.html' });
}
