// A Web Fetch `Request` as the handler's `ActkitRequest`. The body stays the request's own ReadableStream,
// read chunk by chunk as the handler asks, so `maxBodyBytes` (413) holds while reading: a huge or endless
// body is never buffered whole, and what the handler leaves unread is cancelled.
import type { FetchClientGone } from './fetch-client-gone.js';
import type { ActkitRequest } from './types.js';

/** The chunks of `stream`; stopping early (the size limit) cancels the stream so the sender can stop. */
export function streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      let done = false;
      try {
        while (true) {
          const chunk = await reader.read();
          if (chunk.done) {
            done = true;
            return;
          }
          yield chunk.value;
        }
      } finally {
        if (!done) void reader.cancel().catch(() => {});
        reader.releaseLock();
      }
    },
  };
}

/**
 * The handler's view of `request`: `path` relative to the mount (with its query string, which the handler
 * ignores), `raw` for `authorize`, the client-gone signal made on first use.
 */
export function fromFetchRequest(
  request: Request,
  path: string,
  raw: unknown,
  gone: FetchClientGone,
): ActkitRequest {
  return {
    method: request.method,
    path,
    headers: request.headers,
    // Read only by a create: some runtimes (@hono/node-server) build a whole second Request when asked.
    get body() {
      return request.body ? streamChunks(request.body) : undefined;
    },
    raw,
    get signal() {
      return gone.signal();
    },
  };
}
