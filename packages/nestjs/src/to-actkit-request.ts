import { type ActkitRequest, type ClosingResponseLike, NodeActkitRequest } from '@actkit/core/server';
import type { NestRequest } from './nest-request.js';

/**
 * The handler's view of a request to one of the contract's routes, on either platform. `path` is relative to
 * the route prefix (and any global prefix or version); `response` is Node's response under either platform,
 * watched for the client going away. The body parsers are kept off the create route (see
 * `BodyParserBypass`), so the request stream itself is its body (Fastify: `raw`) and the handler enforces the
 * content type (415) and the size limit (413) while reading; a body a parser read anyway is passed on parsed.
 */
export function toActkitRequest(
  req: NestRequest,
  path: string,
  response: ClosingResponseLike,
): ActkitRequest {
  const body = req.body !== undefined ? req.body : (req.raw ?? req);
  // Express keeps the full URL (mount and query) in `originalUrl`; Fastify's `url` is the full URL.
  const url = req.originalUrl ?? req.url;
  return new NodeActkitRequest(req.method ?? 'GET', path, req.headers, body, req, response, url);
}
