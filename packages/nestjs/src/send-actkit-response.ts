import type { ServerResponse } from 'node:http';
import { type ActkitResponse, isEventStream } from '@actkit/core/server';

/** Writes a handler response with Node's own API (Nest's Express platform hands us Node's response). */
export async function sendActkitResponse(res: ServerResponse, response: ActkitResponse): Promise<void> {
  if (!isEventStream(response)) {
    res.writeHead(response.status, response.headers).end(JSON.stringify(response.json));
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  // `flush` exists when compression middleware wraps the response; without it each write goes out at once.
  const flush = (res as ServerResponse & { flush?: () => void }).flush?.bind(res);
  for await (const chunk of response.events) {
    if (res.destroyed) break; // leaving the loop releases the watcher
    res.write(chunk);
    flush?.();
  }
  if (!res.destroyed) res.end();
}
