import { type ActkitResponse, isEventStream } from './types.js';

/**
 * The part of Node's `http.ServerResponse` the writer uses. Express's `Response` and the response Nest's
 * Express platform hands out are both one; typed structurally so this module imports nothing from Node.
 */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string): unknown;
  end(body?: string): unknown;
  flushHeaders(): void;
  readonly destroyed: boolean;
  /** Present when compression middleware wraps the response; without it each write goes out at once. */
  flush?: () => void;
}

/**
 * Writes a handler response (JSON, problem or event stream) to a Node response: what every Node-based
 * adapter does after `handler.handle`, so it lives here once. An event stream is written chunk by chunk and
 * ends when the task ends or the client goes away (leaving the loop releases the watcher).
 */
export async function writeNodeResponse(res: NodeResponseLike, response: ActkitResponse): Promise<void> {
  if (!isEventStream(response)) {
    res.writeHead(response.status, response.headers);
    res.end(response.body ?? JSON.stringify(response.json));
    return;
  }
  res.writeHead(response.status, response.headers);
  res.flushHeaders();
  for await (const chunk of response.events) {
    if (res.destroyed) break;
    res.write(chunk);
    res.flush?.();
  }
  if (!res.destroyed) res.end();
}
