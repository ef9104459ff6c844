import type { ActkitRequest } from '@actkit/core/server';
import type { NestRequest } from './nest-request.js';

/**
 * The handler's view of a request to one of the contract's routes. `path` is relative to the route prefix
 * (and any global prefix or version). The body parsers are kept off these routes (see
 * `bypassBodyParsers`), so the request stream itself is the body and the handler enforces the content type
 * (415) and the size limit (413) while reading; a body a parser read anyway is passed on parsed.
 */
export function toActkitRequest(req: NestRequest, path: string, signal: () => AbortSignal): ActkitRequest {
  return {
    method: req.method ?? 'GET',
    path,
    headers: req.headers,
    body: req.body !== undefined ? req.body : (req.raw ?? req),
    raw: req,
    // Made on first use (see clientGoneSignal): a JSON read never needs one.
    get signal() {
      return signal();
    },
  };
}
