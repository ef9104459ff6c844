// The Express app the fan-out and throughput metrics talk to over real HTTP: the actkit router mounted as
// the README shows, every request owned by one user, limits raised so the bench measures the work and not
// the per-owner limits.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import { createActkitRouter } from '@actkit/express';
import express from 'express';

export const mount = '/api/actkit';
export const handlerOptions = {
  authorize: () => 'bench-user',
  secret: 'bench-secret-bench-secret-bench-secret',
  limits: { activeTasks: 100_000, createsPerMinute: 100_000, openStreams: 100_000 },
};

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 at a free port. */
export async function listen(app: express.Express, onClose?: () => Promise<void>): Promise<RunningApp> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await onClose?.();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Express + the actkit router over `client`. */
export function startActkitExpress(client: ActkitClient): Promise<RunningApp> {
  const router = createActkitRouter({ client, ...handlerOptions });
  const app = express();
  app.use(mount, router);
  return listen(app, () => router.close());
}

/** Creates a task through the contract and returns its handle. */
export async function createThroughApp(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}${mount}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      character: { type: 'image', uri: 'https://assets.example.com/character.png' },
      reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
    }),
  });
  if (response.status !== 202) throw new Error(`create through the app: HTTP ${response.status}`);
  return ((await response.json()) as { task: { handle: string } }).task.handle;
}
