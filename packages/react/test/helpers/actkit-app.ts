// A real backend for the hook tests: Express + @actkit/express's router on 127.0.0.1, talking to the
// @actkit/emulator as its upstream. It counts the requests the browser side makes, and the event streams
// open right now, so tests can prove sharing and closing by what the server saw.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import express from 'express';

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

export async function startActkitApp(options: ActkitAppOptions = {}): Promise<ActkitApp> {
  const emulator = await startEmulator({ port: 0, taskMs: options.taskMs ?? 1200 });
  const client = createActkitClient({ apiKey: 'test-key', baseUrl: emulator.url });
  const router = createActkitRouter({
    client,
    authorize: () => 'user-1',
    secret: 'react-hook-tests-secret-0123456789abcdef',
    limits: { activeTasks: 50, createsPerMinute: 100, ...options.limits },
    // Tasks here last ~1 s, so the server polls and caches reads on the same short scale (defaults: the
    // schedule, and GET answers up to 1 s old) or a polling hook could step from PENDING straight to SUCCEEDED.
    pollIntervalMs: 100,
    maxStaleMs: 100,
  });
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
    emulator,
    requests,
    count: (route) => requests.filter((r) => r.replace(/\/tasks\/[^/]+/, '/tasks/:handle') === route).length,
    openStreams: () => streams,
    async close() {
      await router.close();
      server.closeAllConnections();
      server.close();
      await emulator.close();
    },
  };
}

/** A valid input for the emulator: image character, video reference, everything else from the spec defaults. */
export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
} as const;
