import { type ClosingResponseLike, clientGoneSignal } from './client-gone-signal.js';
import type { ActkitRequest, ActkitRequestHeaders } from './types.js';

/**
 * An `ActkitRequest` for an adapter on Node (Fastify, Nest on either platform): the fields as given, and a
 * `signal` made only when the handler asks for it, over `clientGoneSignal(response)` (a create or an event
 * stream asks; a JSON read never does, so the common GET pays for no AbortController and no listener). A
 * class rather than an object literal with a getter, so every request on the hot path has one shape.
 */
export class NodeActkitRequest implements ActkitRequest {
  private gone: (() => AbortSignal) | undefined;

  /**
   * @param path relative to the adapter's mount point (see `ActkitRequest.path`)
   * @param body the parsed body or the raw bytes / stream (see `ActkitRequest.body`)
   * @param raw the framework's own request, passed to `authorize`
   * @param response Node's response of this request, watched for the client going away
   * @param url the request URL (path and query, as Node's `request.url`): GET /tasks reads its query
   */
  constructor(
    readonly method: string,
    readonly path: string,
    readonly headers: ActkitRequestHeaders,
    readonly body: unknown,
    readonly raw: unknown,
    private readonly response: ClosingResponseLike,
    private readonly url?: string,
  ) {}

  /** The query string without `?` ('' when there is none); read only by GET /tasks. */
  get query(): string {
    const at = this.url?.indexOf('?') ?? -1;
    return at < 0 || this.url === undefined ? '' : this.url.slice(at + 1);
  }

  get signal(): AbortSignal {
    this.gone ??= clientGoneSignal(this.response);
    return this.gone();
  }
}
