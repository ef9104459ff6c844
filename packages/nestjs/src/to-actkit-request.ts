import { type ActkitRequest, type ClosingResponseLike, clientGoneSignal } from '@actkit/core/server';
import type { NestRequest } from './nest-request.js';

/**
 * The handler's view of a request to one of the contract's routes, on either platform. `path` is relative to
 * the route prefix (and any global prefix or version). The body parsers are kept off these routes (see
 * `BodyParserBypass`), so the request stream itself is the body (Fastify: `raw`) and the handler enforces
 * the content type (415) and the size limit (413) while reading; a body a parser read anyway is passed on
 * parsed. A class rather than an object literal with a getter, so every request has one shape; the
 * client-gone signal is made only when the handler asks for it (a JSON read never does).
 */
class ContractRequest implements ActkitRequest {
  readonly method: string;
  readonly headers: NestRequest['headers'];
  readonly body: unknown;
  private gone: (() => AbortSignal) | undefined;

  constructor(
    readonly raw: NestRequest,
    readonly path: string,
    private readonly response: ClosingResponseLike,
  ) {
    this.method = raw.method ?? 'GET';
    this.headers = raw.headers;
    this.body = raw.body !== undefined ? raw.body : (raw.raw ?? raw);
  }

  get signal(): AbortSignal {
    this.gone ??= clientGoneSignal(this.response);
    return this.gone();
  }
}

/** `response`: Node's response under either platform, watched for the client going away. */
export const toActkitRequest = (
  req: NestRequest,
  path: string,
  response: ClosingResponseLike,
): ActkitRequest => new ContractRequest(req, path, response);
