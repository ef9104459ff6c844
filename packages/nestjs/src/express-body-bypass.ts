// Express platform: body parsers (Nest's defaults, or the app's own through app.useBodyParser or app.use)
// run in front of every route, before routing, with their own limit and error format. Once Nest has
// registered its routes, the parsers in the app's router are told to pass the create route on unread, so
// the handler reads its bodies itself (413/415 as problem+json). Which route that is comes from the routes
// Nest registered for the marked handler: global prefix, versions and module paths included.
import { isHandlerReadsBodyRoute } from './handler-reads-body.js';

interface RequestLike {
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
type Middleware = (req: RequestLike, res: unknown, next: () => void) => unknown;

/** type-is's test: only a request with a body can be parsed (GETs skip the route match below). */
const hasBody = ({ headers }: RequestLike) =>
  headers['transfer-encoding'] !== undefined || headers['content-length'] !== undefined;

/** The part of an Express 5 router layer used here (`app.router.stack` entries). */
interface RouterLayer {
  name: string;
  handle: Middleware;
  route?: { stack: { handle: unknown }[] };
  match(path: string): boolean;
}

/** The part of an Express 5 app used here. */
export interface ExpressAppLike {
  router?: { stack: RouterLayer[] };
}

/** body-parser's middleware names (json, urlencoded, text, raw). */
const bodyParserNames = new Set(['jsonParser', 'urlencodedParser', 'textParser', 'rawParser']);

/** Call once the routes are registered (onApplicationBootstrap). A no-op without the marked route. */
export function bypassExpressBodyParsers(app: ExpressAppLike): void {
  const stack = app.router?.stack ?? [];
  const bodyRoutes = stack.filter((layer) =>
    layer.route?.stack.some((s) => isHandlerReadsBodyRoute(s.handle)),
  );
  if (bodyRoutes.length === 0) return;
  const readsOwnBody = (path: string) =>
    bodyRoutes.some((layer) => {
      try {
        return layer.match(path);
      } catch {
        return false; // a malformed escape: routing answers it (400) as for any route
      }
    });
  for (const layer of stack) {
    if (!bodyParserNames.has(layer.name)) continue;
    const parse = layer.handle;
    layer.handle = (req, res, next) =>
      hasBody(req) && readsOwnBody(req.path) ? next() : parse(req, res, next);
  }
}
