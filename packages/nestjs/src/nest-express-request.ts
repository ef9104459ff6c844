import type { IncomingMessage } from 'node:http';

/**
 * The part of Nest's request (Express platform) the routes read, typed on Node's own request so this
 * package needs no Express types. Express 5 gives a named wildcard (`*path`) as an array of segments.
 */
export interface NestExpressRequest extends IncomingMessage {
  params: Record<string, string | string[] | undefined>;
  /** Set by Nest's body parser when it read the body (JSON, urlencoded); undefined otherwise. */
  body?: unknown;
  /** Express's full request URL (mount and query included). */
  originalUrl?: string;
}
