import { type ActkitRequest, type ClosingResponseLike, clientGoneSignal } from '@actkit/core/server';
import type { FastifyRequest } from 'fastify';

/**
 * The handler's view of a Fastify request to one of the contract's routes. `path` is relative to the
 * plugin's prefix; `body` is the payload stream the plugin's content-type parser handed over (undefined
 * without a body); `raw` is the Fastify request, for `authorize`. A class rather than an object literal with
 * a getter, so every request has one shape; the client-gone signal is made only when the handler asks for it
 * (a create or an event stream; a JSON read never does).
 */
export class ContractRequest implements ActkitRequest {
  readonly method: string;
  readonly headers: FastifyRequest['headers'];
  readonly body: unknown;
  private gone: (() => AbortSignal) | undefined;

  constructor(
    readonly raw: FastifyRequest,
    readonly path: string,
    private readonly response: ClosingResponseLike,
  ) {
    this.method = raw.method;
    this.headers = raw.headers;
    this.body = raw.body;
  }

  get signal(): AbortSignal {
    this.gone ??= clientGoneSignal(this.response);
    return this.gone();
  }
}
