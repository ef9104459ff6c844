// The hook tests' backend on Hono: @actkit/hono mounted with app.route() on @hono/node-server, with a
// middleware in front that records requests and open event streams (as the Express backend does).

import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import type { Emulator } from '@actkit/emulator';
import { actkit } from '@actkit/hono';
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type ActkitAppOptions, apiKey, type Backend, handlerOptionsFor, owner } from './actkit-app.js';

const mount = '/api/actkit';

export async function startHonoBackend(emulator: Emulator, options: ActkitAppOptions): Promise<Backend> {
  const api = actkit({
    client: createActkitClient({ apiKey, baseUrl: emulator.url }),
    authorize: () => owner,
    ...handlerOptionsFor(options),
  });
  const requests: string[] = [];
  let streams = 0;
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use(`${mount}/*`, async (c, next) => {
    const path = c.req.path.slice(mount.length);
    requests.push(`${c.req.method} ${path}`);
    if (path.endsWith('/events')) {
      if (options.failEventsWith) return c.body(null, options.failEventsWith as 503);
      streams += 1;
      c.env.outgoing.once('close', () => {
        streams -= 1;
      });
    }
    await next();
  });
  app.route(mount, api);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${mount}`,
    requests,
    openStreams: () => streams,
    async close() {
      await api.close();
      server.closeAllConnections();
      server.close();
    },
  };
}
