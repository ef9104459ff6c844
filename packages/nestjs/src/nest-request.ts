import type { IncomingMessage } from 'node:http';

/**
 * The part of the request Nest hands a controller that the routes read, on either platform: Express's
 * request (itself Node's IncomingMessage) or Fastify's (`raw` is the IncomingMessage). Typed on Node's own
 * request so this package needs neither framework's types.
 */
export interface NestRequest {
  method?: string;
  headers: IncomingMessage['headers'];
  params: Record<string, string | undefined>;
  /** Set when a body parser read the body; undefined when the actkit routes read it themselves. */
  body?: unknown;
  /** Fastify only: Node's request, the body stream. */
  raw?: IncomingMessage;
  /** The request URL with its query (Fastify: as received; Express: relative to the router). */
  url?: string;
  /** Express only: the full request URL (mount and query included). */
  originalUrl?: string;
}
