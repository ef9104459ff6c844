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
    headers: req.headers,
    body: req.body !== undefined ? req.body : req,
    raw: req,
    // Made on first use (see clientGoneSignal): a JSON read never needs one.
    get signal() {
      return signal();
    },
  };
}
