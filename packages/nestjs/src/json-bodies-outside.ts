import type { IncomingMessage } from 'node:http';

const jsonMediaType = /^application\/json$/i;

/**
 * A body-parser `type` test for Nest's JSON parser that leaves the actkit routes alone:
 * `app.useBodyParser('json', { type: jsonBodiesOutside('/api/actkit') })`.
 *
 * @deprecated Not needed any more: with a `routePrefix` the module keeps every body parser off its routes
 * itself, on both platforms, wherever Nest registered them (global prefix and versions included). Kept so
 * bootstraps that call it keep working; on the Express platform only.
 *
 * Nest parses JSON for every route before any controller runs (100 kB, its own error format). Under
 * `mountPath` (global prefix + routePrefix) the body then stays unread, so the actkit handler reads it
 * itself: its own limit (from the spec's data: URI caps, ~43.7 MB, so inline assets fit), 413 and 415 as
 * problem+json. Elsewhere this is Nest's default: `application/json` bodies are parsed (100 kB). Paths
 * compare without case, as Express routes them.
 */
export function jsonBodiesOutside(mountPath: string): (req: IncomingMessage) => boolean {
  const mount = `/${mountPath.replace(/^\/+|\/+$/g, '')}`.toLowerCase();
  return (req) => {
    const path = (req.url ?? '/').split('?')[0]!.toLowerCase();
    const underMount = path === mount || path.startsWith(`${mount}/`);
    const mediaType = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    return !underMount && jsonMediaType.test(mediaType);
  };
}
