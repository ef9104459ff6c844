// For an adapter whose app runs in another process (Next.js under `next start`): a relay on 127.0.0.1 that
// hands every request it gets to the stack's own upstream fetch (the provider-origin rewrite to the emulator,
// which records provider task ids). The app's client believes in the same provider origin as in-process
// adapters do; its fetch sends requests for that origin here instead.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface Relay {
  /** http://127.0.0.1:PORT */
  url: string;
  /**
   * Where an app in another process reports what its `onError` got (see tests/next-app): each POST of
   * `{ name, message, status, code }` to the returned URL reaches `onError` here as an Error with those fields.
   */
  reporter(onError: (error: unknown) => void): string;
  close(): Promise<void>;
}

const reportPath = '/__actkit-test-reported/';

/** Serves `origin` + path through `upstream` (a fetch that knows where `origin` really is). */
export async function startRelay(origin: string, upstream: typeof fetch): Promise<Relay> {
  const reporters = new Map<string, (error: unknown) => void>();
  const server = serve({
    fetch: async (request) => {
      const { pathname, search } = new URL(request.url);
      if (pathname.startsWith(reportPath)) {
        const { name, message, ...fields } = (await request.json()) as Record<string, unknown>;
        const error = Object.assign(new Error(String(message)), { name: String(name) }, fields);
        reporters.get(pathname.slice(reportPath.length))?.(error);
        return new Response(null, { status: 204 });
      }
      const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
      const headers = new Headers(request.headers);
      for (const name of ['host', 'connection', 'content-length', 'keep-alive']) headers.delete(name);
      return upstream(`${origin}${pathname}${search}`, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        signal: request.signal,
      });
    },
    port: 0,
    hostname: '127.0.0.1',
  }) as Server;
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    reporter(onError) {
      const id = String(reporters.size + 1);
      reporters.set(id, onError);
      return `${url}${reportPath}${id}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
