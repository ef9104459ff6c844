// A real Hono app on @hono/node-server serving the contract through @actkit/hono, the way its README tells
// users to: app.route(mountPath, actkit({ … })), serve, listen. authorize gets Hono's Context; the suite's
// rule reads the request's headers from it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { actkit } from '@actkit/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

export function honoAdapter(name: string): ContractAdapter {
  return {
    name,
    async start({ mountPath, authorize, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      const api = actkit({ ...options, authorize: (c) => authorize({ headers: c.req.header() }) });
      const app = new Hono();
      app.route(mountPath, api);
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        async close() {
          await api.close();
          (server as import('node:http').Server).closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}
