// The hook tests' backend on Next.js: the shared test app (tests/next-app, @actkit/next's route handlers under
// `next start`), in its own process. What the browser side sent and which event streams are open is seen by
// a small recording proxy in front of it, in this process (the app's own requests cannot be read from here
// synchronously); it forwards every byte as it comes and closes the app's side when the client leaves.
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@actkit/emulator';
import { startNextApp } from '../../../../tests/next-app/harness/index.ts';
import { type ActkitAppOptions, apiKey, type Backend, handlerOptionsFor, owner } from './actkit-app.js';

const mount = '/api/actkit';

export async function startNextBackend(emulator: Emulator, options: ActkitAppOptions): Promise<Backend> {
  const app = await startNextApp({
    config: {
      upstream: { apiKey, baseUrl: emulator.url },
      handler: handlerOptionsFor(options),
      owner: { fixed: owner },
    },
  });
  const target = new URL(app.origin);
  const requests: string[] = [];
  let streams = 0;
  const proxy = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!.slice(mount.length);
    requests.push(`${req.method} ${path}`);
    if (path.endsWith('/events')) {
      if (options.failEventsWith) return void res.writeHead(options.failEventsWith).end();
      streams += 1;
      res.once('close', () => {
        streams -= 1;
      });
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.once('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const { port } = proxy.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${mount}`,
    requests,
    openStreams: () => streams,
    async close() {
      proxy.closeAllConnections();
      proxy.close();
      await app.stop();
    },
  };
}
