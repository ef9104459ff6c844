// A plain HTTP hop in front of a demo server that records every request the page makes, so a test can
// count requests AT the server side of the wire (a page's own bookkeeping could miss some). It forwards
// bytes both ways unchanged, streams included (event streams, a large create body).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** Where to open the page instead of the demo's own URL (ends with `/`). */
  url: string;
  /** Every request seen so far, as `METHOD /path?query`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const to = new URL(target);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
