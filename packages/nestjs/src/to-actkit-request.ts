import type { ActkitRequest } from '@actkit/core/server';
import type { NestExpressRequest } from './nest-express-request.js';

/**
 * The handler's view of a request to the controller's `*path` route. The path is the wildcard's part, i.e.
 * relative to the route prefix (and any global prefix). When no body parser consumed the body (see
 * `jsonBodiesOutside`) the request stream itself is the body, so the handler enforces the content type (415)
 * and the size limit (413) while reading; otherwise the parsed body is passed on.
 */
export function toActkitRequest(
  req: NestExpressRequest,
  wildcard: string,
  signal: () => AbortSignal,
): ActkitRequest {
  const segments = req.params[wildcard] ?? [];
  return {
    method: req.method ?? 'GET',
    path: `/${[segments].flat().join('/')}`,
    // The raw query string, read by GET /tasks.
    query: queryString(req.originalUrl ?? req.url),
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
