// A Hono app on @hono/node-server (127.0.0.1, port 0) with @actkit/hono mounted among the app's own routes,
// the emulator upstream. It keeps every request's signal, so tests can count what stays attached to them.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActkitClient } from '@actkit/core';
import { createMemoryStore } from '@actkit/core/server';
import { type Emulator, type EmulatorOptions, startEmulator } from '@actkit/emulator';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { upstreamTaskGets } from '../../core/test/upstream-gets.js';
import { type ActkitHonoOptions, actkit } from '../src/index.js';

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

type AppEnv = { Variables: { user?: string } };

export async function startHonoApp(
  options: { emulator?: EmulatorOptions; handler?: Partial<ActkitHonoOptions<AppEnv>> } = {},
) {
  const emulator: Emulator = await startEmulator({ taskMs: 300, ...options.emulator });
  const store = createMemoryStore();
  const api = actkit<AppEnv>({
    client: createActkitClient({ apiKey: 'hono-test-key', baseUrl: emulator.url, maxRetries: 0 }),
    // What the app's own middleware decided, through Hono's Context.
    authorize: (c) => c.get('user'),
    secret: 'hono-adapter-tests-secret-0123456789',
    pollIntervalMs: 50,
    store,
    ...options.handler,
  });
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const user = c.req.header('x-user');
    if (user) c.set('user', user);
    await next();
  });
  app.get('/api/actkit/health', (c) => c.json({ ok: true }));
  app.route('/api/actkit', api);
  app.notFound((c) => c.text('the app’s own 404', 404));

  const signals: AbortSignal[] = [];
  const server = serve({
    fetch: (request, env) => {
      signals.push(request.signal);
      return app.fetch(request, env);
    },
    port: 0,
    hostname: '127.0.0.1',
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/actkit`,
    emulator,
    store,
    signals,
    upstreamTaskGets: () => upstreamTaskGets(emulator),
    async start(user = 'alice'): Promise<string> {
      const response = await fetch(`http://127.0.0.1:${port}/api/actkit/character-performances`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': user },
        body: JSON.stringify(validInput),
      });
      if (response.status !== 202)
        throw new Error(`create: HTTP ${response.status} ${await response.text()}`);
      return ((await response.json()) as { task: { handle: string } }).task.handle;
    },
    async close() {
      await api.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}
