import type { ActkitRequest } from '@actkit/core/server';
import type { Request } from 'express';

/**
 * The handler's view of an Express request. `req.path` is already relative to the mount point. When no
 * body parser ran (`req.body` undefined) the request stream itself is the body, so the handler enforces
 * the size limit while reading; after `express.json()` the parsed body is passed on.
 */
export function toActkitRequest(req: Request, signal: () => AbortSignal): ActkitRequest {
  return {
    method: req.method,
    path: req.path,
    // The raw query string, read by GET /tasks (never Express's parsed `req.query`: its shape depends on
    // the app's query parser setting).
    query: queryString(req.originalUrl),
    headers: req.headers,
    body: req.body !== undefined ? req.body : req,
    raw: req,
    // Made on first use (see clientGoneSignal): a JSON read never needs one.
    get signal() {
      return signal();
    },
  };
}

/** The query part of a request URL, without the `?` ('' when there is none). */
function queryString(url: string | undefined): string {
  const at = url?.indexOf('?') ?? -1;
  return at < 0 ? '' : url!.slice(at + 1);
}
