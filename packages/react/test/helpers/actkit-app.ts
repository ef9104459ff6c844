// A real backend for the hook tests, talking to the @actkit/emulator as its upstream: Express with
// @actkit/express (the default), Hono with @actkit/hono on @hono/node-server, or the Next.js test app with
// @actkit/next under `next start`; the vitest project picks which (`inject('backend')`), the tests are the
// same. It counts the requests the browser side makes, and the event streams open right now, so tests can
// prove sharing and closing by what the server saw.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import express from 'express';
import { inject } from 'vitest';
import { startHonoBackend } from './hono-backend.js';
import { startNextBackend } from './next-backend.js';

export interface ActkitApp {
  /** Where the router is mounted; what the hooks get as `baseUrl`. */
  baseUrl: string;
  emulator: Emulator;
  /** Every request the app received, as `METHOD /path` relative to the mount. */
  requests: string[];
  /** How many requests matched `METHOD /path` with the handle replaced by `:handle`. */
  count(route: string): number;
  /** Event streams currently open. */
  openStreams(): number;
  close(): Promise<void>;
}

export interface ActkitAppOptions {
  /** Emulator task duration. */
  taskMs?: number;
  /** Answer every /events request with this status instead of a stream (to prove the polling fallback). */
  failEventsWith?: number;
  /** The router's per-owner limits; default `{ activeTasks: 50, createsPerMinute: 100 }`. */
  limits?: { activeTasks?: number; createsPerMinute?: number };
}

/** The handler options every backend uses (plain data, so the Next.js app in another process gets them too). */
export const handlerOptions = {
  secret: 'react-hook-tests-secret-0123456789abcdef',
  limits: { activeTasks: 50, createsPerMinute: 100 },
  // Tasks here last ~1 s, so the server polls and caches reads on the same short scale (defaults: the
  // schedule, and GET answers up to 1 s old) or a polling hook could step from PENDING straight to SUCCEEDED.
  pollIntervalMs: 100,
  maxStaleMs: 100,
};
/** `handlerOptions` with a test's own limits on top. */
export const handlerOptionsFor = (options: ActkitAppOptions) => ({
  ...handlerOptions,
  limits: { ...handlerOptions.limits, ...options.limits },
});
export const owner = 'user-1';
export const apiKey = 'test-key';

/** What a backend adds to the emulator: where it serves, what it saw, how to stop it. */
export type Backend = Omit<ActkitApp, 'emulator' | 'count'>;

export async function startActkitApp(options: ActkitAppOptions = {}): Promise<ActkitApp> {
  const emulator = await startEmulator({ port: 0, taskMs: options.taskMs ?? 1200 });
  const which = inject('backend') ?? 'express';
  const start =
    which === 'hono' ? startHonoBackend : which === 'next' ? startNextBackend : startExpressBackend;
  const backend = await start(emulator, options);
  return {
    ...backend,
    emulator,
    count: (route) =>
      backend.requests.filter((r) => r.replace(/\/tasks\/[^/]+/, '/tasks/:handle') === route).length,
    async close() {
      await backend.close();
      await emulator.close();
    },
  };
}

async function startExpressBackend(emulator: Emulator, options: ActkitAppOptions): Promise<Backend> {
  const client = createActkitClient({ apiKey, baseUrl: emulator.url });
  const router = createActkitRouter({ client, authorize: () => owner, ...handlerOptionsFor(options) });
  const requests: string[] = [];
  let streams = 0;
  const app = express();
  app.use('/api/actkit', (req, res, next) => {
    requests.push(`${req.method} ${req.path}`);
    if (req.path.endsWith('/events')) {
      if (options.failEventsWith) return void res.status(options.failEventsWith).end();
      streams += 1;
      res.on('close', () => {
        streams -= 1;
      });
    }
    next();
  });
  app.use('/api/actkit', router);
  app.use(actkitErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/actkit`,
    requests,
    openStreams: () => streams,
    async close() {
      await router.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A valid input for the emulator: image character, video reference, everything else from the spec defaults. */
export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
} as const;
