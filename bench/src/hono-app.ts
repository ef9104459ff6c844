// The Hono apps of the "adapter throughput" metric, on @hono/node-server: @actkit/hono mounted as its README
// shows, and a bare Hono route of the same path answering a fixed body (Hono's own cost, the ceiling of any
// Hono adapter).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import { actkit } from '@actkit/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { handlerOptions, mount, type RunningApp } from './express-app.js';

async function listenHono(app: Hono, onClose?: () => Promise<void>): Promise<RunningApp> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
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

/** Hono + @actkit/hono over `client`, mounted with app.route(). */
export function startActkitHono(client: ActkitClient): Promise<RunningApp> {
  const api = actkit({ client, ...handlerOptions });
  const app = new Hono();
  app.route(mount, api);
  return listenHono(app, () => api.close());
}

const answer = (body: string) =>
  new Response(body, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/**
 * Hono answering GET {mount}/tasks/:handle with `body()` and the same headers as the actkit route.
 * `async: true` answers after one await, as any handler that reads a store or a session must; then
 * @hono/node-server cannot take its fast path for a Response returned synchronously.
 */
export function startBareHono(body: () => string, options: { async?: boolean } = {}): Promise<RunningApp> {
  const app = new Hono();
  if (options.async) {
    app.get(`${mount}/tasks/:handle`, async () => {
      await undefined;
      return answer(body());
    });
  } else app.get(`${mount}/tasks/:handle`, () => answer(body()));
  return listenHono(app);
}
