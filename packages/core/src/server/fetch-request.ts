// A Web Fetch `Request` as the handler's `ActkitRequest`. The body stays the request's own ReadableStream,
// read chunk by chunk as the handler asks, so `maxBodyBytes` (413) holds while reading: a huge or endless
// body is never buffered whole, and what the handler leaves unread is cancelled.
import type { FetchClientGone } from './fetch-client-gone.js';
import type { ActkitRequest } from './types.js';

/** The chunks of `stream`; stopping early (the size limit) cancels the stream so the sender can stop. */
function streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
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
 * ignores), `raw` for `authorize`, the client-gone signal made on first use. A class with getters: made on
 * every request, and some runtimes (@hono/node-server) build `headers` and `body` only when asked, so a JSON
 * read reads neither unless `authorize` does.
 */
class FetchActkitRequest implements ActkitRequest {
  constructor(
    private readonly request: Request,
    readonly path: string,
    readonly raw: unknown,
    private readonly gone: FetchClientGone,
  ) {}
  get method(): string {
    return this.request.method;
  }
  get headers(): Headers {
    return this.request.headers;
  }
  get body(): AsyncIterable<Uint8Array> | undefined {
    const body = this.request.body;
    return body ? streamChunks(body) : undefined;
  }
  get signal(): AbortSignal {
    return this.gone.signal();
  }
  /** The URL's query string without `?` (GET /tasks reads `limit`, `cursor`, `status`); read when asked. */
  get query(): string {
    const { url } = this.request;
    const at = url.indexOf('?');
    return at < 0 ? '' : url.slice(at + 1).replace(/#.*$/, '');
  }
}

export function fromFetchRequest(
  request: Request,
  path: string,
  raw: unknown,
  gone: FetchClientGone,
): ActkitRequest {
  return new FetchActkitRequest(request, path, raw, gone);
}
